"""The registry of every URL that names a bureau (`<slug:bureau_slug>`).

Each entry maps a URL name to a function that, given a bureau, returns the other URL kwargs for
one of *that bureau's* objects (creating the object if needed). The isolation and role-matrix
tests walk this registry, and a test fails when a bureau URL is missing from it: **every view
added to the project must be registered here**, with its expected status per role in
`ROLE_MATRIX`.
"""

from buurtbaan.bureaus.models import Membership, Role
from tests.factories import MembershipFactory


def no_object(bureau):
    return {}


def a_membership(bureau):
    membership = Membership.objects.filter(bureau=bureau, role=Role.COACH).first()
    return {"pk": (membership or MembershipFactory(bureau=bureau, role=Role.COACH)).pk}


# URL name -> kwargs builder (besides bureau_slug).
OBJECT_URLS = {
    "bureaus:dashboard": no_object,
    "bureaus:member-list": no_object,
    "bureaus:member-create": no_object,
    "bureaus:member-update": a_membership,
    "bureaus:settings": no_object,
    "audit:entry-list": no_object,
}

# Bureau URLs meant for everyone, logged in or not; they must show no personal data.
PUBLIC_URLS = {
    "bureaus:public": no_object,
}

ROLES = ["coordinator", "coach", "partner", "resident", "funder"]

# Expected status of a GET per role, in the order of ROLES. 302 is a redirect elsewhere.
ROLE_MATRIX = {
    "bureaus:dashboard": (200, 200, 200, 200, 200),
    "bureaus:member-list": (200, 200, 404, 404, 404),
    "bureaus:member-create": (200, 404, 404, 404, 404),
    "bureaus:member-update": (200, 404, 404, 404, 404),
    "bureaus:settings": (200, 404, 404, 404, 404),
    "audit:entry-list": (200, 404, 404, 404, 404),
}

# URLs that a role may read but not change: a POST by these roles answers 403.
READ_ONLY = {
    "bureaus:member-list": ["coach"],
}
