"""The DPIA's copy of its latest decision has the same name as the ROS analysis's (core.SignedRoot, ADR 6)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("dpia", "0001_initial")]

    operations = [
        migrations.RenameField("dpia", "last_decided_version", "last_signed_version"),
        migrations.RenameField("historicaldpia", "last_decided_version", "last_signed_version"),
        migrations.AlterField(
            "dpia",
            "last_signed_version",
            models.PositiveIntegerField(blank=True, null=True, verbose_name="last signed version"),
        ),
        migrations.AlterField(
            "historicaldpia",
            "last_signed_version",
            models.PositiveIntegerField(blank=True, null=True, verbose_name="last signed version"),
        ),
    ]
