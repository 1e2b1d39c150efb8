// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#include "server/diffprojection.h"

#include "core/gitdiff.h"
#include "core/jsonwriter.h"

#include <algorithm>
#include <charconv>
#include <cstring>

using namespace Qt::StringLiterals;

namespace Server {

using Core::DiffFile;
using Core::DiffLine;
using Core::JsonWriter;
namespace {

// A large diff has a hundred thousand lines. JsonWriter lays out the documents, but each line is
// written whole into a scratch buffer through a pointer and handed to JsonWriter::raw() at once:
// a dozen JsonWriter calls per line, and the text's round trip through a QString, were most of
// the time. The text goes from git's bytes to JSON without UTF-16 in between.

/// The length of the valid UTF-8 sequence at p, or 0.
int utf8Length(const uchar *p, const uchar *end)
{
    const auto continuation = [&](int i, uchar low = 0x80, uchar high = 0xbf) {
        return p + i < end && p[i] >= low && p[i] <= high;
    };
    const uchar c = *p;
    if (c >= 0xc2 && c <= 0xdf)
        return continuation(1) ? 2 : 0;
    if (c >= 0xe0 && c <= 0xef) {
        const uchar low = c == 0xe0 ? 0xa0 : 0x80;
        const uchar high = c == 0xed ? 0x9f : 0xbf; // no surrogates
        return continuation(1, low, high) && continuation(2) ? 3 : 0;
    }
    if (c >= 0xf0 && c <= 0xf4) {
        const uchar low = c == 0xf0 ? 0x90 : 0x80;
        const uchar high = c == 0xf4 ? 0x8f : 0xbf;
        return continuation(1, low, high) && continuation(2) && continuation(3) ? 4 : 0;
    }
    return 0;
}

/// Writes text, UTF-8 as git printed it, at w as the inside of a JSON string; w has room for
/// six bytes per byte of text. Bytes that are not UTF-8 (a Latin-1 file) become U+FFFD, as
/// QString::fromUtf8 would make them. Returns the end.
char *writeEscaped(char *w, QByteArrayView text)
{
    static constexpr char hex[] = "0123456789abcdef";
    const auto *p = reinterpret_cast<const uchar *>(text.data());
    const auto *end = p + text.size();
    while (p < end) {
        const uchar *run = p;
        while (p < end) {
            const uchar c = *p;
            if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {
                ++p;
            } else if (c >= 0x80) {
                const int length = utf8Length(p, end);
                if (!length)
                    break;
                p += length;
            } else {
                break;
            }
        }
        std::memcpy(w, run, size_t(p - run));
        w += p - run;
        if (p == end)
            break;
        const uchar c = *p++;
        *w++ = '\\';
        switch (c) {
        case '"': *w++ = '"'; break;
        case '\\': *w++ = '\\'; break;
        case '\n': *w++ = 'n'; break;
        case '\r': *w++ = 'r'; break;
        case '\t': *w++ = 't'; break;
        default:
            if (c >= 0x80) { // not UTF-8
                std::memcpy(w - 1, "\xef\xbf\xbd", 3);
                w += 2;
            } else {
                const char escape[] = {'u', '0', '0', hex[c >> 4], hex[c & 0xf]};
                std::memcpy(w, escape, 5);
                w += 5;
            }
        }
    }
    return w;
}

/// Appends text escaped to out, 64 KB of text at a time, so that the room set aside for the
/// worst case stays small.
void appendEscaped(QByteArray &out, QByteArrayView text)
{
    while (!text.isEmpty()) {
        qsizetype piece = std::min<qsizetype>(text.size(), 1 << 16);
        while (piece < text.size() && uchar(text[piece]) >= 0x80)
            ++piece; // never inside a UTF-8 sequence
        const qsizetype at = out.size();
        if (out.capacity() - at < piece * 6)
            out.reserve(std::max(out.capacity() * 2, at + piece * 6));
        out.resize(at + piece * 6);
        char *end = writeEscaped(out.data() + at, text.first(piece));
        out.truncate(end - out.constData());
        text = text.sliced(piece);
    }
}

template<qsizetype N>
char *put(char *w, const char (&text)[N])
{
    std::memcpy(w, text, N - 1);
    return w + N - 1;
}

char *putNumber(char *w, int number)
{
    if (number <= 0)
        return put(w, "null");
    return std::to_chars(w, w + 16, number).ptr;
}

char *putType(char *w, DiffLine::Type type)
{
    switch (type) {
    case DiffLine::Type::Add: return put(w, "\"add\"");
    case DiffLine::Type::Delete: return put(w, "\"delete\"");
    case DiffLine::Type::Context: break;
    }
    return put(w, "\"context\"");
}

int numberOf(const DiffLine &line)
{
    return line.type == DiffLine::Type::Delete ? line.oldLineNumber : line.newLineNumber;
}

/// Writes the lines of one file after another.
class LineWriter
{
public:
    explicit LineWriter(JsonWriter &json)
        : m_json(json)
    {}

    void setFile(const DiffFile &file) { m_file = &file; }

    /// {type, lineNumber, oldLineNumber, newLineNumber, content[, noNewline]}
    void change(const DiffLine &line)
    {
        const QByteArrayView text = m_file->contentBytes(line);
        char *w = begin(text.size() * 6 + 128);
        w = putType(put(w, "{\"type\":"), line.type);
        w = putNumber(put(w, ",\"lineNumber\":"), numberOf(line));
        w = putNumber(put(w, ",\"oldLineNumber\":"), line.oldLineNumber);
        w = putNumber(put(w, ",\"newLineNumber\":"), line.newLineNumber);
        w = putContent(w, line, text);
        *w++ = '}';
        finish(w);
    }

    /// {left: side, right: side}; a side is {lineNumber, type, content[, noNewline]} or null.
    void row(const DiffLine *left, const DiffLine *right)
    {
        const QByteArrayView leftText = left ? m_file->contentBytes(*left) : QByteArrayView();
        const QByteArrayView rightText = right ? m_file->contentBytes(*right) : QByteArrayView();
        char *w = begin((leftText.size() + rightText.size()) * 6 + 256);
        w = putSide(put(w, "{\"left\":"), left, left ? left->oldLineNumber : 0, leftText);
        w = putSide(put(w, ",\"right\":"), right, right ? right->newLineNumber : 0, rightText);
        *w++ = '}';
        finish(w);
    }

private:
    char *begin(qsizetype room)
    {
        m_scratch.resize(room); // keeps its capacity from line to line
        return m_scratch.data();
    }
    void finish(const char *end)
    {
        m_scratch.truncate(end - m_scratch.constData());
        m_json.raw(m_scratch);
    }

    static char *putContent(char *w, const DiffLine &line, QByteArrayView text)
    {
        w = put(w, ",\"content\":\"");
        w = writeEscaped(w, text);
        *w++ = '"';
        if (line.noNewline) // git printed "\ No newline at end of file" after it
            w = put(w, ",\"noNewline\":true");
        return w;
    }

    /// number: the old line number on the left, the new one on the right.
    static char *putSide(char *w, const DiffLine *line, int number, QByteArrayView text)
    {
        if (!line)
            return put(w, "null");
        w = putNumber(put(w, "{\"lineNumber\":"), number);
        w = putType(put(w, ",\"type\":"), line->type);
        w = putContent(w, *line, text);
        *w++ = '}';
        return w;
    }

    JsonWriter &m_json;
    const DiffFile *m_file = nullptr;
    QByteArray m_scratch;
};

/// The members every format has, into the file's object.
void writeFileMembers(JsonWriter &json, const DiffFile &file)
{
    json.key("path"_L1).value(file.path);
    if (!file.oldPath.isEmpty())
        json.key("oldPath"_L1).value(file.oldPath);
    json.key("status"_L1)
        .value(Core::wireName(file.status))
        .key("additions"_L1)
        .value(file.additions)
        .key("deletions"_L1)
        .value(file.deletions)
        .key("binary"_L1)
        .value(file.binary)
        .key("tooLarge"_L1)
        .value(file.tooLarge);
    if (file.status == Core::DiffFileStatus::Renamed || file.status == Core::DiffFileStatus::Copied)
        json.key("similarity"_L1).value(file.similarity);
    // A change of mode alone is otherwise a file with nothing in it.
    if (!file.oldMode.isEmpty() && !file.newMode.isEmpty() && file.oldMode != file.newMode)
        json.key("oldMode"_L1).value(file.oldMode).key("newMode"_L1).value(file.newMode);
}

void writeSummary(JsonWriter &json, const Core::AttemptDiff &diff)
{
    json.key("summary"_L1)
        .beginObject()
        .key("filesChanged"_L1)
        .value(diff.summary.filesChanged)
        .key("additions"_L1)
        .value(diff.summary.additions)
        .key("deletions"_L1)
        .value(diff.summary.deletions)
        .endObject();
}

qsizetype patchBytes(const Core::AttemptDiff &diff)
{
    qsizetype bytes = 0;
    for (const DiffFile &file : diff.files)
        bytes += file.patch.size();
    return bytes;
}

template<typename WriteLines>
QByteArray writeDiff(const Core::AttemptDiff &diff,
                     QLatin1StringView linesKey,
                     qsizetype estimate,
                     WriteLines writeLines)
{
    JsonWriter json(estimate);
    LineWriter lines(json);
    json.beginObject()
        .key("baseCommit"_L1)
        .value(diff.baseCommit)
        .key("headCommit"_L1)
        .value(diff.headCommit)
        .key("files"_L1)
        .beginArray();
    for (const DiffFile &file : diff.files) {
        json.beginObject();
        writeFileMembers(json, file);
        json.key(linesKey).beginArray();
        lines.setFile(file);
        writeLines(json, lines, file);
        json.endArray().endObject();
    }
    json.endArray();
    writeSummary(json, diff);
    json.endObject();
    return json.take();
}

} // namespace

QByteArray diffJson(const Core::AttemptDiff &diff)
{
    // About twice the patch: each line's text plus some 70 bytes of members.
    const qsizetype estimate = patchBytes(diff) * 2 + diff.files.size() * 160 + 256;
    return writeDiff(diff,
                     "changes"_L1,
                     estimate,
                     [](JsonWriter &, LineWriter &lines, const DiffFile &file) {
                         for (const Core::DiffHunk &hunk : file.hunks)
                             for (const DiffLine &line : hunk.lines)
                                 lines.change(line);
                     });
}

QByteArray diffSplitJson(const Core::AttemptDiff &diff)
{
    const qsizetype estimate = patchBytes(diff) * 3 + diff.files.size() * 160 + 256;
    return writeDiff(diff,
                     "rows"_L1,
                     estimate,
                     [](JsonWriter &json, LineWriter &rows, const DiffFile &file) {
                         for (const Core::DiffHunk &hunk : file.hunks) {
                             json.beginObject().key("hunk"_L1).value(hunk.header).endObject();
                             const QList<DiffLine> &lines = hunk.lines;
                             for (qsizetype i = 0; i < lines.size();) {
                                 if (lines[i].type == DiffLine::Type::Context) {
                                     rows.row(&lines[i], &lines[i]);
                                     ++i;
                                     continue;
                                 }
                                 // A run of deletions, then the additions that replace them, side by side.
                                 const qsizetype deletions = i;
                                 while (i < lines.size() && lines[i].type == DiffLine::Type::Delete)
                                     ++i;
                                 const qsizetype additions = i;
                                 while (i < lines.size() && lines[i].type == DiffLine::Type::Add)
                                     ++i;
                                 const qsizetype deleted = additions - deletions;
                                 const qsizetype added = i - additions;
                                 for (qsizetype k = 0; k < std::max(deleted, added); ++k)
                                     rows.row(k < deleted ? &lines[deletions + k] : nullptr,
                                              k < added ? &lines[additions + k] : nullptr);
                             }
                         }
                     });
}

QByteArray diffUnifiedJson(const Core::AttemptDiff &diff)
{
    const qsizetype bytes = patchBytes(diff);
    // All the patches as one string, escaped straight from the files' bytes.
    QByteArray text;
    text.reserve(bytes + bytes / 8 + 16);
    text.append('"');
    for (const DiffFile &file : diff.files)
        appendEscaped(text, file.patch);
    text.append('"');

    JsonWriter json(text.size() + diff.files.size() * 160 + 256);
    json.beginObject()
        .key("baseCommit"_L1)
        .value(diff.baseCommit)
        .key("headCommit"_L1)
        .value(diff.headCommit)
        .key("diff"_L1)
        .raw(text)
        .key("files"_L1)
        .beginArray();
    for (const DiffFile &file : diff.files) {
        json.beginObject();
        writeFileMembers(json, file);
        json.endObject();
    }
    json.endArray();
    writeSummary(json, diff);
    json.endObject();
    return json.take();
}

} // namespace Server
