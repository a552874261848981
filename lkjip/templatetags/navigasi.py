"""The navbar's OPD switcher, written in Python: every page shows it, and the template engine spent more on
its forty-odd links than on the rest of the layout."""

from __future__ import annotations

from django import template
from django.utils.html import format_html_join

register = template.Library()


@register.simple_tag
def daftar_opd(opd_navigasi, opd=None):
    """The switcher's items (`lkjip.selectors.opd_navigasi`), the page's OPD marked active."""
    aktif = getattr(opd, "pk", None)
    return format_html_join(
        "\n",
        '<li><a class="dropdown-item{}" href="{}">{}</a></li>',
        ((" active" if o.pk == aktif else "", o.url, o.nama) for o in opd_navigasi),
    )
