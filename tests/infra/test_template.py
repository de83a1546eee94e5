"""The AWS SAM template: cfn-lint finds no error, and the wiring the code relies on is there.

The template is parsed with a YAML loader that keeps CloudFormation's short tags (!Ref, !Sub,
!GetAtt, !If...) as {"Fn::...": ...} mappings, so the checks read it the way CloudFormation does.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from cfnlint.api import lint_file

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE = ROOT / "infra" / "template.yaml"


class _CfnLoader(yaml.SafeLoader):
    """SafeLoader that turns !Tag value into {"Fn::Tag": value} (and !Ref into {"Ref": ...})."""


def _construct_tag(loader: _CfnLoader, suffix: str, node: yaml.Node) -> dict[str, Any]:
    if isinstance(node, yaml.ScalarNode):
        value: Any = loader.construct_scalar(node)
    elif isinstance(node, yaml.SequenceNode):
        value = loader.construct_sequence(node, deep=True)
    else:
        value = loader.construct_mapping(node, deep=True)
    if suffix == "Ref":
        return {"Ref": value}
    if suffix == "GetAtt" and isinstance(value, str):
        value = value.split(".", 1)
    return {f"Fn::{suffix}": value}


_CfnLoader.add_multi_constructor("!", _construct_tag)


def load_template(text: str) -> dict[str, Any]:
    return yaml.load(text, Loader=_CfnLoader)  # a SafeLoader subclass


@pytest.fixture(scope="module")
def template() -> dict[str, Any]:
    return load_template(TEMPLATE.read_text(encoding="utf-8"))


def resource(template: dict[str, Any], name: str) -> dict[str, Any]:
    assert name in template["Resources"], f"no resource {name}"
    return template["Resources"][name]


def statements(function: dict[str, Any]) -> list[dict[str, Any]]:
    """Every inline IAM statement of a SAM function's Policies."""
    found = []
    for policy in function["Properties"].get("Policies", []):
        if isinstance(policy, dict):
            found.extend(policy.get("Statement", []))
    return found


def as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


def test_cfn_lint_reports_no_error() -> None:
    findings = lint_file(TEMPLATE)
    described = [f"{m.rule.id} line {m.linenumber}: {m.message}" for m in findings]
    for line in described:
        print("cfn-lint:", line)
    # Warnings (W...) and informational findings (I...) are printed, not fatal.
    errors = [line for m, line in zip(findings, described) if m.rule.id.startswith("E")]
    assert not errors, "\n".join(errors)


def test_cfn_lint_finds_errors_in_a_broken_template(tmp_path: Path) -> None:
    broken = TEMPLATE.read_text(encoding="utf-8").replace(
        "Runtime: python3.11", "Runtime: python3.11\n      NoSuchProperty: 1", 1
    )
    (tmp_path / "template.yaml").write_text(broken, encoding="utf-8")
    assert any(m.rule.id.startswith("E") for m in lint_file(tmp_path / "template.yaml"))


def test_loader_keeps_intrinsic_functions() -> None:
    parsed = load_template("a: !Ref X\nb: !GetAtt Y.Arn\nc: !Sub 'x-${Z}'\nd: !If [C, 1, 2]\n")
    assert parsed == {
        "a": {"Ref": "X"},
        "b": {"Fn::GetAtt": ["Y", "Arn"]},
        "c": {"Fn::Sub": "x-${Z}"},
        "d": {"Fn::If": ["C", 1, 2]},
    }


def test_is_a_sam_template(template: dict[str, Any]) -> None:
    assert template["Transform"] == "AWS::Serverless-2016-10-31"


def test_etl_function_runs_the_s3_handler(template: dict[str, Any]) -> None:
    etl = resource(template, "EtlFunction")
    assert etl["Type"] == "AWS::Serverless::Function"
    props = etl["Properties"]
    assert props["Handler"] == "etl.aws.handler.handle"
    assert props["Runtime"] == "python3.11"
    assert props["CodeUri"] == "../build/lambda-etl.zip"
    assert props["MemorySize"] >= 1024
    assert props["Timeout"] <= 900
    assert "WORKOUTS_SNS_TOPIC_ARN" in props["Environment"]["Variables"]


def test_etl_is_triggered_by_uploads_only(template: dict[str, Any]) -> None:
    events = resource(template, "EtlFunction")["Properties"]["Events"]
    s3_events = [e for e in events.values() if e["Type"] == "S3"]
    assert len(s3_events) == 1
    props = s3_events[0]["Properties"]
    assert props["Bucket"] == {"Ref": "UploadBucket"}
    assert props["Events"] in ("s3:ObjectCreated:*", ["s3:ObjectCreated:*"])
    rules = {r["Name"]: r["Value"] for r in props["Filter"]["S3Key"]["Rules"]}
    # Exports have several suffixes (.csv, .zip, .gpx...): the handler filters by name.
    assert rules == {"prefix": "uploads/"}


def test_etl_may_touch_only_uploads_and_refused_objects(template: dict[str, Any]) -> None:
    s3 = [s for s in statements(resource(template, "EtlFunction")) if "s3:GetObject" in s["Action"]]
    assert len(s3) == 1
    resources = [r["Fn::Sub"] for r in as_list(s3[0]["Resource"])]
    assert sorted(r.rsplit("/", 1)[0].rsplit("/", 1)[-1] for r in resources) == [
        "refused",
        "uploads",
    ]
    assert all(r.endswith("/*") and "${AWS::StackName}-uploads-" in r for r in resources)
    # The role's bucket name must be the bucket's own name, or every S3 call is denied.
    bucket_name = resource(template, "UploadBucket")["Properties"]["BucketName"]["Fn::Sub"]
    assert all(r.startswith(f"arn:${{AWS::Partition}}:s3:::{bucket_name}/") for r in resources)


def test_upload_bucket_is_private_encrypted_and_expires_refused_files(
    template: dict[str, Any],
) -> None:
    props = resource(template, "UploadBucket")["Properties"]
    assert all(props["PublicAccessBlockConfiguration"].values())
    assert len(props["PublicAccessBlockConfiguration"]) == 4
    assert props["BucketEncryption"]["ServerSideEncryptionConfiguration"]
    rules = props["LifecycleConfiguration"]["Rules"]
    assert any(r.get("Prefix") == "refused/" and "ExpirationInDays" in r for r in rules)


def test_bot_invokes_only_itself_for_lazy_listeners(template: dict[str, Any]) -> None:
    bot = resource(template, "BotFunction")
    name = bot["Properties"]["FunctionName"]["Fn::Sub"]
    invoke = [s for s in statements(bot) if "lambda:InvokeFunction" in as_list(s["Action"])]
    assert len(invoke) == 1
    resources = [r["Fn::Sub"] for r in as_list(invoke[0]["Resource"])]
    assert resources
    prefix = "arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:function:"
    assert all(r in (prefix + name, prefix + name + ":*") for r in resources)


def test_bot_is_an_image_behind_a_public_function_url(template: dict[str, Any]) -> None:
    bot = resource(template, "BotFunction")
    props = bot["Properties"]
    assert props["PackageType"] == "Image"
    assert props["ImageConfig"]["Command"] == ["bot.aws_lambda.handle"]
    assert props["FunctionUrlConfig"]["AuthType"] == "NONE"
    assert props["Timeout"] == 60
    assert bot["Metadata"]["Dockerfile"] == "infra/lambda/Dockerfile"
    assert (TEMPLATE.parent / ".." / bot["Metadata"]["Dockerfile"]).resolve().is_file()
    output = template["Outputs"]["SlackRequestUrl"]["Value"]
    assert output == {"Fn::GetAtt": ["BotFunctionUrl", "FunctionUrl"]}


def test_briefings_run_every_five_minutes_from_the_same_image(template: dict[str, Any]) -> None:
    briefing = resource(template, "BriefingFunction")
    bot = resource(template, "BotFunction")
    props = briefing["Properties"]
    assert props["PackageType"] == "Image"
    assert props["ImageConfig"]["Command"] == ["bot.aws_lambda.briefings"]
    assert briefing["Metadata"] == bot["Metadata"]
    schedules = [e for e in props["Events"].values() if e["Type"] == "Schedule"]
    assert [s["Properties"]["Schedule"] for s in schedules] == ["rate(5 minutes)"]


def test_database_is_encrypted_mysql_created_only_without_an_existing_one(
    template: dict[str, Any],
) -> None:
    db = resource(template, "Database")
    assert db["Type"] == "AWS::RDS::DBInstance"
    assert db["Condition"] == "CreateDatabase"
    assert template["Conditions"]["CreateDatabase"] == {
        "Fn::Equals": [{"Ref": "ExistingDatabaseUrlSecretArn"}, ""]
    }
    assert template["Parameters"]["ExistingDatabaseUrlSecretArn"]["Default"] == ""
    assert template["Parameters"]["DBInstanceClass"]["Default"] == "db.t4g.micro"
    props = db["Properties"]
    assert props["Engine"] == "mysql"
    assert props["StorageEncrypted"] is True
    assert "resolve:secretsmanager" in props["MasterUserPassword"]["Fn::Sub"]
    assert db["DeletionPolicy"] == "Snapshot"


def test_every_function_reads_the_database_secret_it_is_given(template: dict[str, Any]) -> None:
    env = template["Globals"]["Function"]["Environment"]["Variables"]
    secret = env["WORKOUTS_DATABASE_SECRET_ARN"]
    for name in ("EtlFunction", "BotFunction", "BriefingFunction"):
        allowed = [
            r
            for s in statements(resource(template, name))
            if "secretsmanager:GetSecretValue" in as_list(s["Action"])
            for r in as_list(s["Resource"])
        ]
        assert secret in allowed, name


def test_no_wildcard_resources_in_iam_statements(template: dict[str, Any]) -> None:
    functions = [
        name
        for name, r in template["Resources"].items()
        if r["Type"] == "AWS::Serverless::Function"
    ]
    assert len(functions) == 3
    for name in functions:
        found = statements(resource(template, name))
        assert found, name
        for statement in found:
            assert statement["Effect"] == "Allow"
            assert "*" not in as_list(statement["Action"]), (name, statement)
            for res in as_list(statement["Resource"]):
                assert res != "*", (name, statement)
                text = res if isinstance(res, str) else str(res.get("Fn::Sub", ""))
                assert not text.endswith(":*:*"), (name, statement)
