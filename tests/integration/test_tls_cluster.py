"""A build over a secured Dask cluster (issue 29): TLS with certificate files on
127.0.0.1, the same bytes as a local build; a worker whose checkout differs refuses,
naming what differs; plain TCP to another machine is refused before anything runs."""

from __future__ import annotations

import datetime as dt
import ipaddress
from pathlib import Path

import pytest

from reportlib.builds.runner import build
from reportlib.builds.tasks import TLSFiles
from reportlib.paths import ProjectPaths

pytestmark = pytest.mark.slow

ONE = {"only": ["brief"], "scenario": "article", "overrides": {"draws": "2000"}}


def _certificates(folder: Path) -> TLSFiles:
    """A CA and one certificate it signed for 127.0.0.1 (scheduler, worker and client)."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    now = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)

    def pem(key) -> bytes:
        return key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )

    def name(text: str) -> x509.Name:
        return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, text)])

    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca = (
        x509.CertificateBuilder()
        .subject_name(name("reportlib test CA"))
        .issuer_name(name("reportlib test CA"))
        .public_key(ca_key.public_key())
        .serial_number(1)
        .not_valid_before(now)
        .not_valid_after(now + dt.timedelta(days=36500))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(ca_key, hashes.SHA256())
    )
    key = ec.generate_private_key(ec.SECP256R1())
    cert = (
        x509.CertificateBuilder()
        .subject_name(name("127.0.0.1"))
        .issuer_name(ca.subject)
        .public_key(key.public_key())
        .serial_number(2)
        .not_valid_before(now)
        .not_valid_after(now + dt.timedelta(days=36500))
        .add_extension(
            x509.SubjectAlternativeName(
                [x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]
            ),
            critical=False,
        )
        .sign(ca_key, hashes.SHA256())
    )
    files = TLSFiles(str(folder / "ca.pem"), str(folder / "cert.pem"), str(folder / "key.pem"))
    Path(files.ca_file).write_bytes(ca.public_bytes(serialization.Encoding.PEM))
    Path(files.cert).write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    Path(files.key).write_bytes(pem(key))
    return files


@pytest.fixture(scope="module")
def tls(tmp_path_factory):
    """(scheduler address, certificate files) of a local cluster that speaks only TLS."""
    from distributed import LocalCluster
    from distributed.security import Security

    files = _certificates(tmp_path_factory.mktemp("certs"))
    security = Security(
        tls_ca_file=files.ca_file,
        tls_scheduler_cert=files.cert,
        tls_scheduler_key=files.key,
        tls_worker_cert=files.cert,
        tls_worker_key=files.key,
        tls_client_cert=files.cert,
        tls_client_key=files.key,
        require_encryption=True,
    )
    with LocalCluster(
        n_workers=1,
        threads_per_worker=1,
        processes=True,
        dashboard_address=None,
        protocol="tls://",
        host="127.0.0.1",
        security=security,
    ) as cluster:
        assert cluster.scheduler_address.startswith("tls://127.0.0.1:")
        yield cluster.scheduler_address, files


def _outputs(folder: Path) -> dict[str, bytes]:
    wanted = (".html", ".pdf", ".facts.json")
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in folder.rglob("*")
        if p.is_file() and p.name.endswith(wanted) and ".cache" not in p.parts
    }


def test_a_tls_cluster_build_gives_the_same_bytes_as_a_local_build(project_copy, tmp_path, tls):
    address, files = tls
    local = ProjectPaths(project_copy)
    remote = ProjectPaths(project_copy, tmp_path / "cluster-reports")
    here = build(local, jobs=1, **ONE)
    assert here.ok, [o.error for o in here.outcomes]
    there = build(remote, scheduler=address, tls=files, **ONE)
    assert there.ok, [o.error for o in there.outcomes]
    assert [o.action for o in there.outcomes] == ["execute"]
    a, b = _outputs(local.reports / "what-if"), _outputs(remote.reports / "what-if")
    assert any(k.endswith("brief.pdf") for k in a)
    assert a.keys() == b.keys() and a == b


def test_a_worker_whose_checkout_differs_refuses_naming_what(project_copy, tmp_path, tls):
    """The ledger changes on the worker's side after the coordinator planned (its
    checkout is another): the worker refuses the report, naming data/claims.csv."""
    address, files = tls
    claims = project_copy / "data" / "claims.csv"

    def other_data(_plan) -> None:  # the plan holds the coordinator's digests
        claims.write_text(claims.read_text().replace(",6,around,", ",7,around,", 1))

    result = build(
        ProjectPaths(project_copy, tmp_path / "reports"),
        scheduler=address,
        tls=files,
        on_plan=other_data,
        **ONE,
    )
    (outcome,) = result.outcomes
    assert outcome.status == "failed"
    assert "refused it: its checkout" in outcome.error
    assert "differs from the coordinator's in data/claims.csv;" in outcome.error
    assert not list((tmp_path / "reports").rglob("brief.html"))


def test_a_tls_scheduler_needs_the_certificates(project_copy, tls, capsys):
    from reportlib.cli import main

    address, files = tls
    argv = ["build", "--only", "brief", "--scenario", "article", "-p", "draws=2000"]
    assert main([*argv, "--scheduler", address]) == 2
    assert "expected --tls-ca-file, --tls-cert and --tls-key" in capsys.readouterr().err
    assert main([*argv, "--scheduler", address, "--tls-ca-file", files.ca_file]) == 2
    assert "missing --tls-cert, --tls-key" in capsys.readouterr().err
    plain = address.replace("tls://", "tcp://")
    assert main([*argv, "--scheduler", plain, "--tls-ca-file", files.ca_file,
                 "--tls-cert", files.cert, "--tls-key", files.key]) == 2  # fmt: skip
    assert "certificate files given for a plain tcp:// address" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("address", "allowed"),
    [
        ("tcp://10.0.0.5:8786", False),
        ("scheduler.example.org:8786", False),
        ("tcp://[2001:db8::1]:8786", False),
        ("tcp://127.0.0.1:8786", True),
        ("tcp://localhost:8786", True),
        ("tcp://[::1]:8786", True),
    ],
)
def test_plain_tcp_to_another_machine_asks_for_allow_insecure(address, allowed):
    from reportlib.builds.cluster import ClusterUnavailable, connection

    if allowed:
        assert connection(address) is None
    else:
        with pytest.raises(ClusterUnavailable, match="--allow-insecure"):
            connection(address)
        assert connection(address, allow_insecure=True) is None
