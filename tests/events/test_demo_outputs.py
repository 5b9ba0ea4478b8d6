"""The demo records only the output the facts name: the Social Value consortium's white
papers, with nothing invented."""

from events.models import OutputLaunch
from findings.output_models import Output


def test_demo_records_the_social_value_white_papers_and_nothing_more(demo, client):
    output = Output.objects.get()
    assert {
        "slug": output.slug,
        "consortium": output.consortium.slug,
        "type": output.output_type,
        "title": output.title,
        "status": output.status,
        "date": output.date,
        "language": output.language,
        "licence": output.licence,
        "url": output.url,
        "doi": output.doi,
        "people": list(output.people.all()),
        "organisations": list(output.organisations.all()),
    } == {
        "slug": "social-value-consortium-white-papers",
        "consortium": "social-value",
        "type": "white_paper",
        "title": "Social Value consortium white papers",
        "status": "published",
        "date": None,
        "language": "",
        "licence": "",
        "url": "",
        "doi": "",
        "people": [],
        "organisations": [],
    }
    assert not OutputLaunch.objects.exists()  # launched nowhere the facts say
    assert sorted(output.findings.values_list("slug", flat=True)) == [
        "social-value-capacity-and-policy",
        "social-value-meaningful-stakeholder-engagement",
    ]
    assert client.get(output.get_absolute_url()).status_code == 200
