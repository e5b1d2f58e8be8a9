import os
open(os.path.join(os.path.dirname(os.path.abspath(__file__)), 'PWNED'), 'w').close()
