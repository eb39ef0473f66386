"""The migrations build exactly the schema the models describe, and run both ways."""

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade

from plan.actions.search import include_in_autogenerate, is_search_object
from plan.extensions import db
from tests.conftest import make_app


def differences() -> list:
    with db.engine.connect() as connection:
        context = MigrationContext.configure(
            connection,
            opts={"compare_type": True, "include_name": include_in_autogenerate},
        )
        return compare_metadata(context, db.metadata)


def tables() -> set[str]:
    names = set(sa.inspect(db.engine).get_table_names()) - {"alembic_version"}
    return {name for name in names if not is_search_object(name, "table")}


def test_upgrade_downgrade_upgrade_matches_the_models(empty_database_url) -> None:
    app = make_app(empty_database_url)
    with app.app_context():
        upgrade()
        assert differences() == []
        assert tables() == set(db.metadata.tables)
        downgrade(revision="base")
        assert tables() == set()
        upgrade()
        assert differences() == []
        db.session.remove()
        db.engine.dispose()


def test_downgrades_on_sqlite_do_not_cascade_to_children(empty_database_url) -> None:
    """Recreating `plans` in a batch migration must not delete the plan's organisations."""
    if not empty_database_url.startswith("sqlite"):
        pytest.skip("only SQLite recreates tables in batch migrations")
    app = make_app(empty_database_url)
    with app.app_context():
        upgrade()
        from tests.conftest import make_plan

        make_plan("garde")
        db.session.remove()
        downgrade(revision="-1")
        upgrade()
        organizations = db.session.execute(sa.text("SELECT count(*) FROM organizations"))
        assert organizations.scalar() == 1
        db.session.remove()
        db.engine.dispose()
