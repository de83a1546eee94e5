"""The ETL on AWS: an S3 upload event -> the one ingest pipeline -> the store -> an SNS notice."""
