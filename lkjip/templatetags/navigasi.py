"""The navbar's OPD switcher, written in Python: every page shows it, and the template engine spent more on
its forty-odd links than on the rest of the layout. The links are rendered once per kept list."""

from __future__ import annotations

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

from lkjip.selectors import DaftarNavigasi

register = template.Library()


@register.simple_tag
def daftar_opd(opd_navigasi, opd=None):
    """The switcher's items (`lkjip.selectors.opd_navigasi`), the page's OPD marked active."""
    # Rendered once per kept list (`DaftarNavigasi.html`); the page's own link gets its mark here.
    daftar: DaftarNavigasi = opd_navigasi
    html = daftar.html
    aktif = getattr(opd, "pk", None)
    url = next((o.url for o in daftar if o.pk == aktif), None)
    if url is not None:
        href = f'<a class="dropdown-item" href="{conditional_escape(url)}">'
        html = html.replace(href, href.replace('dropdown-item"', 'dropdown-item active"'), 1)
    return mark_safe(html)  # noqa: S308 - escaped by format_html_join
