"""Django's `{# #}` comment ends at the end of its line: one spread over lines is printed on the page as
text. Every template's multi-line comment must be a {% comment %} block."""

from pathlib import Path

from django.conf import settings


def test_no_template_has_a_hash_comment_over_several_lines():
    salah = []
    for berkas in sorted(Path(settings.BASE_DIR, "templates").rglob("*.html")):
        isi = berkas.read_text()
        for baris_ke, baris in enumerate(isi.splitlines(), 1):
            buka = baris.rfind("{#")
            if buka != -1 and "#}" not in baris[buka:]:
                salah.append(f"{berkas.relative_to(settings.BASE_DIR)}:{baris_ke}")
    assert salah == []

