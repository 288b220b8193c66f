"""Turn files into checked text and cited passages."""
