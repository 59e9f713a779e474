"""The heat map's rows are written by one tag (cycle_tables.heat_rows): each municipality's name linked to
its latest kartlegging, the date, one coloured cell per area; a municipality without one reads "ingen"."""

import re

from django.urls import reverse
from django.utils import formats

from isms.core.models import Municipality

from .builders import make_assessment


def test_the_heat_rows_link_date_and_colour_each_area(cast, client_for):
    assessment = make_assessment(cast.vefsn, cast.coordinator, levels=(1, 2, 4))
    page = client_for(cast.dpo).get(reverse("cycle:heat_map")).content.decode()
    url = reverse("cycle:assessment_detail", args=[cast.vefsn.slug, assessment.pk])
    date = formats.date_format(assessment.assessed_on, "SHORT_DATE_FORMAT")
    row = re.search(rf'<tr>\s*<th scope="row"><a class="ds-link" href="{url}">Vefsn</a></th>(.*?)</tr>', page, re.S)
    assert row, page
    assert f'<td class="nowrap">{date}</td>' in row.group(1)
    assert re.findall(r'<td class="heat ([\w-]*)">([^<]*)</td>', row.group(1))  # the area cells, coloured
    others = Municipality.objects.exclude(pk=cast.vefsn.pk).order_by("name").first()
    assert re.search(rf'<th scope="row">{others.name}</th>\s*<td class="nowrap">ingen</td>', page)
