"""`summit-app export FILE`: writes the pack and the data, says where, or says what is wrong."""

from pathlib import Path

import pytest

from summit_app.export import cli


def test_export_writes_the_pack_and_csv_where_asked_and_prints_the_paths(
    seed_summit: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pdf = tmp_path / "out" / "pack.pdf"
    assert cli.export(seed_summit, pdf=pdf, csv_dir=tmp_path / "csv") == 0
    out, err = capsys.readouterr()
    csv_files = ("notes.csv", "ballots.csv", "results.csv", "questions.csv", "words.csv")
    assert out.splitlines() == [
        str(pdf),
        *(str(tmp_path / "csv" / n) for n in csv_files),
        str(tmp_path / "out" / "pack-log.txt"),  # groups folded, said in the log
    ]
    assert pdf.read_bytes().startswith(b"%PDF")
    log = (tmp_path / "out" / "pack-log.txt").read_text()
    assert "were folded into “Other groups”" in log
    assert "note: Groups of fewer than 5 people" in err
    assert not (tmp_path / "out" / "pack.html").exists()  # only what was asked for


def test_with_no_option_every_edition_goes_into_exports(
    seed_summit: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    exports = seed_summit.parent / "exports"
    assert cli.export(seed_summit) == 0
    for name in ("leadership.pdf", "leadership.html", "leadership.docx"):
        assert (exports / name).stat().st_size > 1000
    assert (exports / "leadership-data" / "ballots.csv").exists()
    assert (exports / "leadership-log.txt").exists()


def test_the_command_line_takes_each_edition_and_reports_a_bad_file_in_one_line(
    seed_summit: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from summit_app.cli import main

    html, docx = tmp_path / "pack.html", tmp_path / "pack.docx"
    assert main(["export", str(seed_summit), "--html", str(html), "--docx", str(docx)]) == 0
    assert html.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert docx.read_bytes().startswith(b"PK")
    assert not (tmp_path / "pack.pdf").exists()


def test_by_default_the_files_go_into_exports_beside_the_summit_named_after_it(
    seed_summit: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    exports = seed_summit.parent / "exports"
    assert cli.export(seed_summit) == 0
    assert (exports / "leadership.pdf").exists()
    assert (exports / "leadership-data" / "results.csv").exists()
    assert str(exports / "leadership.pdf") in capsys.readouterr().out


def test_a_relative_summit_path_exports_beside_it_in_the_current_folder(
    seed_summit: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(seed_summit.parent)
    assert cli.export(Path(seed_summit.name)) == 0
    assert (seed_summit.parent / "exports" / "leadership.pdf").exists()


def test_a_file_that_is_not_a_summit_gives_one_clear_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bogus = tmp_path / "notes.txt"
    bogus.write_text("hello")
    assert cli.export(bogus, pdf=tmp_path / "x.pdf") == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "is not a summit file" in err
    assert not (tmp_path / "x.pdf").exists()


def test_a_missing_file_and_an_unwritable_target_are_reported(
    seed_summit: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.export(tmp_path / "nope.summit") == 1
    assert "no such file" in capsys.readouterr().err
    blocker = tmp_path / "blocker"
    blocker.write_text("a file where a folder should be")
    assert cli.export(seed_summit, pdf=blocker / "pack.pdf", csv_dir=tmp_path / "c") == 1
    err = capsys.readouterr().err.splitlines()
    assert err[0].startswith("summit-app export: The PDF edition was not written: The pack")
    assert all(line.startswith("summit-app export: note: ") for line in err[1:])
    assert (tmp_path / "c" / "notes.csv").is_file()  # the PDF's fault costs nothing else
