# Two-stage review (a coordinator signs off; decisions kept pending until released).

from django.conf import settings
from django.db import migrations, models


def released_when_taken(apps, schema_editor):
    # Every step recorded so far took effect when it was taken: none is pending.
    Review = apps.get_model("findings", "Review")
    Review.objects.filter(released_at__isnull=True).update(released_at=models.F("created_at"))


class Migration(migrations.Migration):

    dependencies = [
        ('findings', '0016_finding_doi'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='PendingDecision',
            fields=[
            ],
            options={
                'verbose_name': 'pending decision',
                'verbose_name_plural': 'pending decisions (not yet released)',
                'proxy': True,
                'indexes': [],
                'constraints': [],
            },
            bases=('findings.finding',),
        ),
        migrations.AddField(
            model_name='review',
            name='released_at',
            field=models.DateTimeField(blank=True, help_text='Empty: pending.', null=True, verbose_name='released at'),
        ),
        migrations.RunPython(released_when_taken, migrations.RunPython.noop),
        migrations.AlterField(
            model_name='finding',
            name='status',
            field=models.CharField(choices=[('draft', 'Draft'), ('awaiting_signoff', "Awaiting the coordinator's sign-off"), ('submitted', 'Submitted for review'), ('changes_requested', 'Changes requested'), ('published', 'Published'), ('rejected', 'Rejected'), ('withdrawn', 'Withdrawn')], default='draft', max_length=20, verbose_name='status'),
        ),
        migrations.AlterField(
            model_name='historicalfinding',
            name='status',
            field=models.CharField(choices=[('draft', 'Draft'), ('awaiting_signoff', "Awaiting the coordinator's sign-off"), ('submitted', 'Submitted for review'), ('changes_requested', 'Changes requested'), ('published', 'Published'), ('rejected', 'Rejected'), ('withdrawn', 'Withdrawn')], default='draft', max_length=20, verbose_name='status'),
        ),
        migrations.AlterField(
            model_name='review',
            name='decision',
            field=models.CharField(choices=[('submit', 'Submitted'), ('approve', 'Signed off by the coordinator'), ('send_back', 'Sent back by the coordinator'), ('request_changes', 'Changes requested'), ('publish', 'Published'), ('reject', 'Rejected'), ('withdraw', 'Withdrawn')], max_length=20, verbose_name='decision'),
        ),
        migrations.AddIndex(
            model_name='review',
            index=models.Index(condition=models.Q(('released_at__isnull', True)), fields=['created_at'], name='review_pending'),
        ),
    ]
