"""Base reads the pages of every layer share: the OPDs a user reads, in the order every list shows them;
the Pemdas a user may pick on a Pemda-wide page, with the access check; the category names of the scales
some OPDs use; and the monev periods of a Pemda with their history.

Every list of Pemdas or OPDs starts with the user's own (`peringkat_pemda`): the Pemda they administer,
audit or work in, and within it the OPDs they hold a role in; so a page that opens on "the first one"
opens on theirs, never on whichever comes first in the alphabet.

Each is one query (or none), access checked where the read is chosen by the request, so that a page
asking for a Pemda or an OPD outside the user's roles answers 403/404 here and not in its view.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from django.core.exceptions import PermissionDenied
from django.db.models import Case, IntegerField, Q, QuerySet, Value, When
from django.http import Http404

from inti.akses import Akses, opd_terbaca, peran_pengguna
from inti.models import OPD, Pemda, PeriodeMonev, RentangKategori
from inti.periode import NAMA_TRIBULAN
from inti.riwayat import BarisRiwayat, riwayat

# --------------------------------------------------------------------------------------------
# OPDs
# --------------------------------------------------------------------------------------------


# How much a Pemda is the user's own, most first; any other Pemda they reach (a superuser's) comes after.
ADMINNYA, AUDITORNYA, TEMPAT_KERJA, LAINNYA = 0, 1, 2, 3


def peringkat_pemda(akses: Akses) -> dict[int, int]:
    """Pemda id -> how much it is the user's own: ADMINNYA (they administer it), AUDITORNYA (they audit
    all of it), TEMPAT_KERJA (they hold a role in one of its OPDs). Absent: LAINNYA. No query."""
    peringkat = {}
    for opd_id in akses.operator_opd_ids | akses.kepala_opd_ids | akses.auditor_opd_ids:
        if (pemda_id := akses.opd_pemda.get(opd_id)) is not None:
            peringkat[pemda_id] = TEMPAT_KERJA
    peringkat.update(dict.fromkeys(akses.auditor_pemda_ids, AUDITORNYA))
    peringkat.update(dict.fromkeys(akses.admin_pemda_ids, ADMINNYA))
    return peringkat


def _urut_sendiri_dulu(qs: QuerySet[OPD], akses: Akses) -> QuerySet[OPD]:
    peringkat = peringkat_pemda(akses)
    per_peringkat = [
        When(pemda_id__in=ids, then=Value(n))
        for n in (ADMINNYA, AUDITORNYA, TEMPAT_KERJA)
        if (ids := [p for p, r in peringkat.items() if r == n])
    ]
    urutan = []
    if per_peringkat:
        urutan.append(Case(*per_peringkat, default=Value(LAINNYA), output_field=IntegerField()))
    urutan.append("pemda__nama")
    if sendiri := akses.operator_opd_ids | akses.kepala_opd_ids | akses.auditor_opd_ids:
        urutan.append(Case(When(pk__in=sendiri, then=Value(0)), default=Value(1), output_field=IntegerField()))
    return qs.order_by(*urutan, "nama")


def opd_terbaca_urut(user) -> QuerySet[OPD]:
    """The OPDs the user reads (with their Pemda): the user's own Pemda first, then the others by name;
    within a Pemda the OPDs they hold a role in first, then by name. The order of every list and table."""
    return _urut_sendiri_dulu(opd_terbaca(user), peran_pengguna(user))


def opd_pemda_terbaca(user, *, pemda: Pemda) -> QuerySet[OPD]:
    """The active OPDs of one Pemda that the user reads, by name: the rows of a Pemda-wide overview."""
    return opd_terbaca(user).filter(pemda=pemda, aktif=True).order_by("nama")


def kategori_skala(opd_list: Iterable[OPD]) -> list[str]:
    """Category names of the scales the OPDs' Pemdas use (and the default one), in scale order. One query.

    The OPDs must come with their Pemda (`opd_terbaca` selects it), so naming the scales costs nothing more.
    """
    skala_ids = {o.pemda.skala_kategori_id for o in opd_list if o.pemda.skala_kategori_id}
    rentang = RentangKategori.objects.filter(Q(skala_id__in=skala_ids) | Q(skala__bawaan=True)).order_by(
        "urutan", "batas_bawah"
    )
    return list(dict.fromkeys(r.nama for r in rentang))


# --------------------------------------------------------------------------------------------
# Pemdas
# --------------------------------------------------------------------------------------------


def pemda_pilihan(user, *, hanya_admin: bool) -> list[Pemda]:
    """The Pemdas a user may pick on a Pemda-wide page: those they administer, and (unless `hanya_admin`)
    those they audit as a whole; every Pemda for a superuser. The user's own first (`peringkat_pemda`),
    then by name: the first is the one a page opens on."""
    akses = peran_pengguna(user)
    if akses.superuser:
        qs = Pemda.objects.all()
    else:
        ids = akses.admin_pemda_ids if hanya_admin else akses.admin_pemda_ids | akses.auditor_pemda_ids
        qs = Pemda.objects.filter(pk__in=ids)
    peringkat = peringkat_pemda(akses)
    return sorted(qs, key=lambda p: (peringkat.get(p.pk, LAINNYA), p.nama))


def pemda_terpilih(pilihan: Sequence[Pemda], kode: str | None, *, pesan_403: str) -> Pemda:
    """The Pemda named by `kode` among the user's choices (the first, the user's own, when none is named).

    PermissionDenied with `pesan_403` when the user has no choice at all (the page is not for them);
    Http404 when the code names a Pemda outside their choices (nothing is said of it).
    """
    if not pilihan:
        raise PermissionDenied(pesan_403)
    if not kode:
        return pilihan[0]
    for pemda in pilihan:
        if pemda.kode == kode:
            return pemda
    raise Http404("Pemda tidak ditemukan.")


def pemda_admin_get_or_404(user, kode: str, *, pesan_403: str) -> Pemda:
    """The Pemda the user administers: 404 if they hold no role in it at all, 403 if not its admin."""
    pemda = Pemda.objects.filter(kode=kode).first()
    akses = peran_pengguna(user)
    if pemda is None or not (akses.superuser or pemda.pk in akses.pemda_ids):
        raise Http404("Pemda tidak ditemukan.")
    if not akses.admin_pemda(pemda.pk):
        raise PermissionDenied(pesan_403)
    return pemda


# --------------------------------------------------------------------------------------------
# Monev periods
# --------------------------------------------------------------------------------------------


def tahun_periode(pemda: Pemda) -> list[int]:
    """The years the Pemda has monev periods for, ascending. One query."""
    return sorted(set(PeriodeMonev.objects.filter(pemda=pemda).values_list("tahun", flat=True)))


def periode_per_tribulan(pemda: Pemda, tahun: int) -> dict[int, PeriodeMonev]:
    """The Pemda's periods of a year by Tribulan; a Tribulan not yet created is absent. One query."""
    return {p.tribulan: p for p in PeriodeMonev.objects.filter(pemda=pemda, tahun=tahun)}


def riwayat_periode(pemda: Pemda, tahun: int) -> list[BarisRiwayat]:
    """Deadline and lock changes of the Pemda's periods of a year, newest first. One query."""
    return riwayat(
        PeriodeMonev.history.filter(pemda_id=pemda.pk, tahun=tahun),
        {"batas_waktu": "Batas waktu", "terkunci": "Terkunci"},
        lambda r: NAMA_TRIBULAN[r.tribulan],
    )
