from . import test_organization
from . import test_member_transfer
from . import test_access
from . import test_demo
