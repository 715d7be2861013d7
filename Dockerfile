# The official Airflow image with newsflow installed, for docker-compose.yaml's services.
# The Python of the tag matches the one constraints.txt was resolved with.
ARG AIRFLOW_IMAGE=apache/airflow:3.3.2-python3.11
FROM ${AIRFLOW_IMAGE}

# The project lives in AIRFLOW_HOME as in a checkout: dags/, plugins/ (the newsflow
# library and the Airflow plugin) and include/ (sources, SQL). Baked in, so a worker on
# another machine needs only the image; docker-compose.yaml mounts the working copy over
# dags/, plugins/ and include/ for development.
COPY --chown=airflow:root pyproject.toml constraints.txt README.md /opt/airflow/
COPY --chown=airflow:root plugins /opt/airflow/plugins
COPY --chown=airflow:root include /opt/airflow/include
COPY --chown=airflow:root dags /opt/airflow/dags

# newsflow installed from plugins/ (editable, as the Makefile's venv has it, so it finds
# include/sql next to it), every dependency pinned by constraints.txt; Airflow itself
# stays the image's 3.3.2.
RUN pip install --no-cache-dir -c /opt/airflow/constraints.txt \
        "apache-airflow==3.3.2" -e "/opt/airflow[celery,s3]"

ENV NEWSFLOW_HOME=/opt/airflow
