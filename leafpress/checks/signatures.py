"""Signed approvals: each approval is signed with the approver's SSH key (`ssh-keygen -Y sign`, the mechanism
git's SSH commit signing uses) and verified against the site's `allowed_signers` file (`ssh-keygen -Y verify`).

What is signed, one line each: the leaflet ID, its language, the version, the approver, the date, a digest
of the approved text's hashes, and the signature of the approval before it (the previous history entry;
for a translation, its source's approval). So the history is a chain: an entry can be added, but not edited,
removed or reordered, without `check` naming the entry.

The namespace is `leafpress-approval@<leaflet ID>`, so `allowed_signers` says who may approve what with
git's own `namespaces` option: `namespaces="leafpress-approval@SPN-*"` lets a key approve the spine
service's leaflets (IDs starting SPN-), `namespaces="leafpress-approval@*"` any leaflet.
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import tempfile
from functools import lru_cache
from pathlib import Path

NAMESPACE = "leafpress-approval"
MAGIC = "leafpress approval 1"


def text_digest(approved_text: dict[str, str] | None) -> str:
    """One digest of an approval's per-part hashes."""
    lines = "".join(f"{name}={value}\n" for name, value in sorted((approved_text or {}).items()))
    return hashlib.sha256(lines.encode()).hexdigest()[:32]


def payload(leaflet_id: str, lang: str, version: str, approved_by: str, approved_on: str, digest: str,
            previous: str) -> bytes:
    """The exact bytes an approval signs."""
    previous_digest = hashlib.sha256(previous.encode()).hexdigest() if previous else "none"
    return (f"{MAGIC}\nleaflet: {leaflet_id}\nlanguage: {lang}\nversion: {version}\napproved_by: {approved_by}\n"
            f"approved_on: {approved_on}\ntext: {digest}\nprevious: {previous_digest}\n").encode()


def namespace(leaflet_id: str) -> str:
    return f"{NAMESPACE}@{leaflet_id}"


class SigningError(Exception):
    """ssh-keygen could not sign or verify; the message says why."""


def _ssh_keygen() -> str:
    found = shutil.which("ssh-keygen")
    if not found:
        raise SigningError("ssh-keygen is not installed (OpenSSH; Debian's openssh-client)")
    return found


def sign(data: bytes, key: Path, leaflet_id: str) -> str:
    """The armored SSH signature of `data` with the private key `key`."""
    with tempfile.TemporaryDirectory() as folder:
        message = Path(folder) / "approval"
        message.write_bytes(data)
        result = subprocess.run([_ssh_keygen(), "-Y", "sign", "-f", str(key), "-n", namespace(leaflet_id),
                                 str(message)], capture_output=True, text=True, stdin=subprocess.DEVNULL)
        signature = message.with_suffix(".sig")
        if result.returncode or not signature.is_file():
            raise SigningError(f"ssh-keygen could not sign with {key}: {result.stderr.strip() or 'no signature'}")
        return signature.read_text().strip()


@lru_cache(maxsize=4096)
def verify(data: bytes, signature: str, allowed_signers: Path, leaflet_id: str) -> str | None:
    """None if a key of `allowed_signers` allowed for this leaflet made `signature` over `data`, else why not."""
    if not allowed_signers.is_file():
        return f"there is no allowed_signers file ({allowed_signers}) naming who may approve"
    with tempfile.TemporaryDirectory() as folder:
        sig = Path(folder) / "approval.sig"
        sig.write_text(signature.strip() + "\n")
        found = subprocess.run([_ssh_keygen(), "-Y", "find-principals", "-s", str(sig), "-f", str(allowed_signers),
                                "-n", namespace(leaflet_id)], capture_output=True, text=True)
        principals = found.stdout.split()
        if found.returncode or not principals:
            return ("it was not made by a key that allowed_signers lets approve this leaflet "
                    f"(namespace {namespace(leaflet_id)})")
        checked = subprocess.run([_ssh_keygen(), "-Y", "verify", "-f", str(allowed_signers), "-I", principals[0],
                                  "-n", namespace(leaflet_id), "-s", str(sig)], input=data, capture_output=True)
        if checked.returncode:
            return "it does not match the approval record: the record was changed after it was signed"
    return None
