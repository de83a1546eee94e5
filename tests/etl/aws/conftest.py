"""A local AWS: moto in server mode (its own HTTP process on loopback), boto3 pointed at it."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time

import boto3
import pytest

REGION = "us-east-1"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def aws():
    """The endpoint of a moto server, with boto3's environment set to use it."""
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                break
        time.sleep(0.1)
    saved = {
        k: os.environ.get(k)
        for k in (
            "AWS_ENDPOINT_URL",
            "AWS_ACCESS_KEY_ID",
            "AWS_SECRET_ACCESS_KEY",
            "AWS_DEFAULT_REGION",
        )
    }
    os.environ.update(
        {
            "AWS_ENDPOINT_URL": f"http://127.0.0.1:{port}",
            "AWS_ACCESS_KEY_ID": "testing",
            "AWS_SECRET_ACCESS_KEY": "testing",
            "AWS_DEFAULT_REGION": REGION,
        }
    )
    yield f"http://127.0.0.1:{port}"
    for key, value in saved.items():
        if value is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = value
    server.terminate()
    server.wait(timeout=10)


@pytest.fixture
def bucket(aws, request):
    """A fresh bucket, an SNS topic, and an SQS queue subscribed to it to read notifications."""
    name = f"uploads-{request.node.name.lower().replace('_', '-')[:30]}-{time.time_ns() % 10**6}"
    s3, sns, sqs = boto3.client("s3"), boto3.client("sns"), boto3.client("sqs")
    s3.create_bucket(Bucket=name)
    topic = sns.create_topic(Name=f"t-{time.time_ns()}")["TopicArn"]
    queue = sqs.create_queue(QueueName=f"q-{time.time_ns()}")["QueueUrl"]
    queue_arn = sqs.get_queue_attributes(QueueUrl=queue, AttributeNames=["QueueArn"])["Attributes"][
        "QueueArn"
    ]
    sns.subscribe(TopicArn=topic, Protocol="sqs", Endpoint=queue_arn)
    return {"name": name, "topic": topic, "queue": queue, "s3": s3, "sqs": sqs}


def notifications(bucket) -> list[dict]:
    """Every SNS message the queue received so far: subject and parsed JSON body."""
    found = []
    while True:
        got = (
            bucket["sqs"]
            .receive_message(QueueUrl=bucket["queue"], MaxNumberOfMessages=10, WaitTimeSeconds=1)
            .get("Messages", [])
        )
        if not got:
            return found
        for message in got:
            envelope = json.loads(message["Body"])
            found.append(
                {"subject": envelope.get("Subject"), "body": json.loads(envelope["Message"])}
            )
            bucket["sqs"].delete_message(
                QueueUrl=bucket["queue"], ReceiptHandle=message["ReceiptHandle"]
            )


def s3_event(bucket_name: str, *keys: str, etag: str = "e1") -> dict:
    """An ObjectCreated event as S3 sends it (keys URL-encoded, spaces as '+')."""
    from urllib.parse import quote_plus

    return {
        "Records": [
            {
                "eventSource": "aws:s3",
                "eventName": "ObjectCreated:Put",
                "s3": {
                    "bucket": {"name": bucket_name},
                    "object": {"key": quote_plus(key, safe="/"), "eTag": etag},
                },
            }
            for key in keys
        ]
    }
