"""factory_boy factories for the core models (history rows are written as in production)."""

import factory
from django.utils.text import slugify

from isms.core.models import GlobalRole, Membership, MembershipRole, Municipality, User

TEST_PASSWORD = "Korrekt-Hest-Batteri-42"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.no")
    first_name = factory.Sequence(lambda n: f"Fornavn{n}")
    last_name = "Testesen"
    global_role = GlobalRole.NONE
    password = factory.PostGenerationMethodCall("set_password", TEST_PASSWORD)

    @factory.post_generation
    def save_password(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class MunicipalityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Municipality
        django_get_or_create = ("number",)

    number = factory.Sequence(lambda n: f"{9000 + n % 1000:04d}")
    name = factory.Sequence(lambda n: f"Testkommune {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))
    population = 1000


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    municipality = factory.SubFactory(MunicipalityFactory)
    role = MembershipRole.VIEWER
