// libpq, PostgreSQL's C client (Debian: libpq-dev; pkg-config name libpq).
#include <libpq-fe.h>
