# Coordinator sign-off: on for new consortia, off for the ones that exist. Those run a
# programme whose members agreed to submit to the curators directly; switching them silently
# would hold their next submissions at a coordinator who does not expect them. A curator
# turns it on per consortium in the admin.

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('consortia', '0005_interface_names'),
    ]

    operations = [
        migrations.AddField(
            model_name='consortium',
            name='requires_coordinator_signoff',
            field=models.BooleanField(default=False),
        ),
        migrations.AlterField(
            model_name='consortium',
            name='requires_coordinator_signoff',
            field=models.BooleanField(default=True, help_text="A member's submission goes to the consortium's coordinators first; they send it on to the curators or back to the members. Without a coordinator, submissions go straight to the curators.", verbose_name='coordinator signs off submissions'),
        ),
    ]
