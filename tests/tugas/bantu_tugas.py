"""Following a background job as a user does: the redirect to its page, the page, its download link.

The tests run tasks at once (tests/conftest.py), so by the time the view redirects, the job has ended.
"""

import contextlib
import re

from inti.models import Pekerjaan

POLA_PEKERJAAN = re.compile(r"^/pekerjaan/([0-9a-f-]{36})/$")


def pekerjaan_dari(response) -> Pekerjaan:
    """The job a response redirected to (fails the test if it did not)."""
    assert response.status_code == 302, response.status_code
    cocok = POLA_PEKERJAAN.match(response["Location"])
    assert cocok, response["Location"]
    return Pekerjaan.objects.get(pk=cocok.group(1))


def isi(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def halaman_pekerjaan(client, response) -> str:
    """The job page a response redirected to, as the user sees it."""
    pekerjaan_dari(response)
    halaman = client.get(response["Location"])
    assert halaman.status_code == 200
    return halaman.content.decode()


def unduh_hasil(client, response):
    """The file the job behind a redirect produced, downloaded through the link on its page."""
    pekerjaan = pekerjaan_dari(response)
    html = halaman_pekerjaan(client, response)
    tautan = f"/pekerjaan/{pekerjaan.pk}/unduh/"
    assert f'href="{tautan}"' in html, html
    berkas = client.get(tautan)
    assert berkas.status_code == 200
    return berkas


def unduh(client, path: str):
    """A download that may go through a job: the file response, whether served at once or via the job."""
    response = client.get(path)
    if response.status_code == 302 and POLA_PEKERJAAN.match(response["Location"]):
        return unduh_hasil(client, response)
    assert response.status_code == 200, (path, response.status_code)
    return response


def jalankan_antrean(backend) -> int:
    """Run every queued task in order, as one worker would; how many ran."""
    jumlah = 0
    while backend.results:
        hasil = backend.results.pop(0)
        # A failed task is recorded on its job; a worker goes on with the next one.
        with contextlib.suppress(Exception):
            hasil.task.call(*hasil.args, **hasil.kwargs)
        jumlah += 1
    return jumlah


def ikuti(response):
    """The response a user ends with: the file of the job a response redirected to, or the response."""
    if response.status_code == 302 and POLA_PEKERJAAN.match(response["Location"]):
        return unduh_hasil(response.client, response)
    return response
