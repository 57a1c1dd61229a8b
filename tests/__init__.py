from . import test_organization
from . import test_member_transfer
from . import test_access
from . import test_demo
from . import test_i18n
from . import test_tour
