"""Bad post files: one InputError naming the file and the line (or record), never a partial import."""

from __future__ import annotations

import pytest

from assistant.errors import InputError
from assistant.ingest import detect_format, read_posts
from tests.ingest.helpers import write

HEADER = "caption,likes,comments,date\n"
MULTILINE_ROW = '"A caption\nthat runs\nover three lines",5,1,2024-01-01\n'  # lines 2-4


def error_for(path, **kwargs) -> InputError:
    with pytest.raises(InputError) as caught:
        read_posts(path, "ann", **kwargs)
    message = str(caught.value)
    assert path.name in message, message
    return caught.value


@pytest.mark.parametrize("content", [b"", b"   \n\n  \n"])
@pytest.mark.parametrize("name", ["empty.csv", "empty.json", "empty.jsonl", "tweets.js"])
def test_empty_file(tmp_path, name, content):
    error = error_for(write(tmp_path, name, content))
    assert "is empty" in str(error)


def test_binary_file(tmp_path):
    error = error_for(write(tmp_path, "feed.csv", b"caption,likes\nok,1\nbad\x00\x01\x02,2\n"))
    assert "binary" in str(error)
    assert error.line == 3


def test_spreadsheet_instead_of_csv(tmp_path):
    error = error_for(write(tmp_path, "feed.xlsx", b"PK\x03\x04" + b"\x00" * 40))
    assert "Excel" in str(error) and "CSV" in str(error)


def test_windows_1252_is_detected_and_named(tmp_path):
    from assistant.ingest.textfile import collect_notices

    data = "caption,likes\nfine,1\nCr\u00e8me br\u00fbl\u00e9e \u2014 \u201cvery\u201d good,2\n".encode("cp1252")
    with collect_notices() as notices:
        posts = read_posts(write(tmp_path, "feed.csv", data), "ann")
    assert [p.text for p in posts] == ["fine", "Cr\u00e8me br\u00fbl\u00e9e \u2014 \u201cvery\u201d good"]
    assert notices == [
        "feed.csv is not UTF-8: read it as Windows-1252 (detected). If the text looks wrong, re-save the file as UTF-8."
    ]


def test_undetectable_bytes_name_the_line_of_the_first_bad_byte(tmp_path):
    data = b"caption,likes\nfine,1\n" + bytes(range(0x80, 0x100)) * 4 + b",2\n"
    error = error_for(write(tmp_path, "feed.csv", data))
    assert error.line == 3
    assert "is not UTF-8 text (line 3)" in str(error)


def test_row_with_too_many_fields_reports_the_physical_line(tmp_path):
    path = write(tmp_path, "feed.csv", HEADER + MULTILINE_ROW + "ok,1,1,2024-01-02\nbroken,1,2,3,4,5\n")
    error = error_for(path)
    assert error.line == 6
    assert "6 fields but the header has 4" in str(error)


def test_row_with_too_few_fields(tmp_path):
    error = error_for(write(tmp_path, "feed.csv", HEADER + "short,1\n"))
    assert error.line == 2 and "2 fields" in str(error)


def test_trailing_empty_fields_are_tolerated(tmp_path):
    posts = read_posts(write(tmp_path, "feed.csv", HEADER + "ok,1,1,2024-01-02,,\n"), "ann")
    assert [p.text for p in posts] == ["ok"]


def test_unclosed_quote_names_where_the_field_starts(tmp_path):
    path = write(tmp_path, "feed.csv", HEADER + "fine,1,1,2024-01-01\n\"never closed,1,1,2024-01-02\nmore,2,2,2024-01-03\n")
    error = error_for(path)
    assert error.line == 3 and "never closed" in str(error)


def test_missing_text_column_lists_the_header(tmp_path):
    error = error_for(write(tmp_path, "feed.csv", "Title,Likes,When\nhello,1,2024-01-01\n"))
    message = str(error)
    assert "no post text column" in message
    assert "'Title', 'Likes', 'When'" in message
    assert "caption" in message  # says what it looked for
    assert error.line == 1


def test_negative_count_after_a_multiline_row(tmp_path):
    path = write(tmp_path, "feed.csv", HEADER + MULTILINE_ROW + "ok,3,1,2024-01-02\nnegative,-4,1,2024-01-03\n")
    error = error_for(path)
    assert error.line == 6
    assert "likes can't be negative" in str(error)
    assert "feed.csv:6" in str(error)


def test_unreadable_number(tmp_path):
    error = error_for(write(tmp_path, "feed.csv", HEADER + "ok,1,1,2024-01-01\nhm,lots,1,2024-01-02\n"))
    assert error.line == 3 and "likes is not a number" in str(error)


def test_unreadable_date(tmp_path):
    error = error_for(write(tmp_path, "feed.csv", HEADER + "ok,1,1,2024-01-01\n\nhm,1,1,last tuesday\n"))
    assert error.line == 4 and "last tuesday" in str(error)


def test_mixed_day_and_month_first_dates(tmp_path):
    path = write(tmp_path, "feed.csv", HEADER + "a,1,1,13/01/2024\nb,1,1,01/13/2024\n")
    message = str(error_for(path))
    assert "line 2" in message and "line 3" in message and "day-first" in message


def test_row_without_text_is_malformed(tmp_path):
    error = error_for(write(tmp_path, "feed.csv", HEADER + "ok,1,1,2024-01-01\n,4,1,2024-01-02\n"))
    assert error.line == 3 and "no text" in str(error)


def test_entirely_blank_rows_are_skipped(tmp_path):
    posts = read_posts(write(tmp_path, "feed.csv", HEADER + ",,,\nok,1,1,2024-01-01\n  ,  ,,\n"), "ann")
    assert [p.text for p in posts] == ["ok"]


@pytest.mark.parametrize("body", ["", "\n\n", ",,,\n"])
def test_header_without_rows(tmp_path, body):
    error = error_for(write(tmp_path, "feed.csv", HEADER + body))
    assert "no posts" in str(error)


def test_bad_row_at_the_end_fails_the_whole_file(tmp_path):
    rows = "".join(f"post {i},{i},0,2024-01-01\n" for i in range(3000))
    path = write(tmp_path, "feed.csv", HEADER + rows + "last,-1,0,2024-01-01\n")
    calls: list[tuple[int, int]] = []
    error = error_for(path, progress=lambda done, total: calls.append((done, total)))
    assert error.line == 3002
    assert calls == [(1000, 3001), (2000, 3001), (3000, 3001)]  # never reported as finished


def test_json_syntax_error_names_its_line(tmp_path):
    path = write(tmp_path, "feed.json", '[\n  {"text": "ok"},\n  {"text": "oops",}\n]\n')
    error = error_for(path)
    assert error.line == 3 and "not valid JSON" in str(error)


def test_json_bad_record_names_record_and_line(tmp_path):
    path = write(tmp_path, "feed.json", '[\n  {"text": "ok", "likes": 1},\n  {"text": "bad",\n   "likes": -2}\n]\n')
    error = error_for(path)
    assert error.line == 3 and error.where == "record 2"
    assert "likes can't be negative" in str(error)


def test_json_record_that_is_not_an_object(tmp_path):
    error = error_for(write(tmp_path, "feed.json", '[{"text": "ok"}, "just a string"]'))
    assert error.where == "record 2" and "JSON object" in str(error)


def test_json_record_without_text(tmp_path):
    error = error_for(write(tmp_path, "feed.json", '[{"text": "ok"},\n{"likes": 3, "date": "2024-01-01"}]'))
    assert error.line == 2 and "no text field" in str(error) and "likes, date" in str(error)


def test_json_wrapped_record_number(tmp_path):
    error = error_for(write(tmp_path, "feed.json", '{"posts": [{"text": "ok"}, {"text": "bad", "likes": "many"}]}'))
    assert error.where == "record 2" and "likes is not a number" in str(error)


@pytest.mark.parametrize(("content", "expected"), [('{"user": "ann"}', "without a list of posts"), ("42", "list of posts"), ("[]", "no posts")])
def test_json_of_the_wrong_shape(tmp_path, content, expected):
    assert expected in str(error_for(write(tmp_path, "feed.json", content)))


def test_jsonl_bad_line(tmp_path):
    path = write(tmp_path, "feed.jsonl", '{"text": "one"}\n\n{"text": "two"\n{"text": "three"}\n')
    error = error_for(path)
    assert error.line == 3 and "not valid JSON" in str(error)


def test_jsonl_negative_count_line(tmp_path):
    path = write(tmp_path, "feed.jsonl", '{"text": "one"}\n{"text": "two", "views": -10}\n')
    error = error_for(path)
    assert error.line == 2 and "views can't be negative" in str(error)


def test_x_archive_bad_date(tmp_path):
    content = 'window.YTD.tweets.part0 = [\n  {"tweet": {"full_text": "hi", "created_at": "soon", "id_str": "1"}}\n]'
    error = error_for(write(tmp_path, "tweets.js", content))
    assert error.line == 2 and error.where == "tweet 1" and "soon" in str(error)


def test_x_archive_syntax_error_line(tmp_path):
    content = 'window.YTD.tweets.part0 = [\n  {"tweet": {"full_text": "hi"}},\n  {"tweet": nope}\n]'
    error = error_for(write(tmp_path, "tweets.js", content))
    assert error.line == 3


def test_instagram_without_captions(tmp_path):
    content = '[{"media": [{"uri": "a.jpg", "creation_timestamp": 1712000000, "title": ""}]}]'
    assert "no posts with a caption" in str(error_for(write(tmp_path, "posts_1.json", content)))


def test_unknown_format(tmp_path):
    error = error_for(write(tmp_path, "feed.csv", HEADER + "a,1,1,2024-01-01\n"), fmt="xlsx")
    assert "unknown format 'xlsx'" in str(error) and "jsonl" in str(error)


def test_missing_file_and_folder(tmp_path):
    assert "no such file" in str(error_for(tmp_path / "nope.csv"))
    folder = tmp_path / "folder.csv"
    folder.mkdir()
    assert "is a folder" in str(error_for(folder))
    with pytest.raises(InputError, match="no such file"):
        detect_format(tmp_path / "nope.json")


def test_a_creator_handle_is_required(tmp_path):
    path = write(tmp_path, "feed.csv", HEADER + "a,1,1,2024-01-01\n")
    with pytest.raises(InputError, match="creator handle"):
        read_posts(path, " @ ")


def test_instagram_format_forced_on_another_export(tmp_path):
    error = error_for(write(tmp_path, "feed.json", '[{"text": "hello"}]'), fmt="instagram")
    assert "not an Instagram posts export" in str(error)
