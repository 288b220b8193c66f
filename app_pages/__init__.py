"""Pages of the Streamlit app; each one is a thin face over knowledge/."""
