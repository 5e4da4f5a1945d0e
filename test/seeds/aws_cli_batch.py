"""
Runs several `aws` CLI command lines in one process, in order, through the CLI's own
entry point (awscli.clidriver.create_clidriver().main, which is all the `aws` script does). One Python start-up
instead of one per command keeps the 004 replay fast on a busy machine.

Input on stdin: a JSON list of argument lists. Output on stdout: a JSON list of
{"returncode", "stdout", "stderr"}, one per command.
"""
import io
import json
import sys


def run(driver, argv: list[str]) -> dict:
    out, err = io.StringIO(), io.StringIO()
    real_out, real_err = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = out, err
    try:
        code = driver.main(argv)
    except SystemExit as done:
        code = done.code if isinstance(done.code, int) else 1
    finally:
        sys.stdout, sys.stderr = real_out, real_err
    return {'returncode': code, 'stdout': out.getvalue(), 'stderr': err.getvalue()}


if __name__ == '__main__':
    from awscli.clidriver import create_clidriver

    commands = json.load(sys.stdin)
    # One driver for all commands: building its command table is most of the CLI's start-up.
    cli = create_clidriver()
    json.dump([run(cli, argv) for argv in commands], sys.stdout)
