"""newsflow: news ingestion library (Airflow-free)."""

__version__ = "0.1.0"
