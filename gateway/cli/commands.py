"""Registers every subcommand on :data:`gateway.cli.main`."""

from gateway.cli import (
    agent_cmd,  # noqa: F401  (agent password, disable, enable)
    core,  # noqa: F401  (defines serve, worker, db, token, agent, demo)
    main,
)
from gateway.cli.backup_cmd import backup, restore
from gateway.cli.desk_cmd import desk
from gateway.cli.detect_cmd import detect
from gateway.cli.faq_cmd import faq
from gateway.cli.models_cmd import models
from gateway.cli.queue_cmd import queue
from gateway.cli.secret_cmd import secret_group
from gateway.cli.translate_cmd import translate

main.add_command(backup)
main.add_command(restore)
main.add_command(desk)
main.add_command(detect)
main.add_command(faq)
main.add_command(models)
main.add_command(queue)
main.add_command(secret_group)
main.add_command(translate)
