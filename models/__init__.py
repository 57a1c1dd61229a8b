from . import party_branch_type
from . import party_organization
from . import party_member
from . import party_member_membership
from . import res_users
