// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#pragma once

#include <QJsonObject>
#include <QString>

#include <expected>

namespace Core {

/// What went wrong, in terms every face (HTTP, WebSocket, window) can map on its own.
enum class ErrorCode {
    Validation,       ///< The caller sent something malformed or out of range.
    Unauthorized,     ///< Credentials are missing or wrong.
    Forbidden,        ///< The caller may not do this.
    NotFound,         ///< A referenced object does not exist.
    MethodNotAllowed, ///< The resource exists but not with this verb.
    Conflict,         ///< The request clashes with the current state.
    Unprocessable, ///< Well-formed, but the machine cannot do it (e.g. the editor is not installed).
    PayloadTooLarge, ///< The request is bigger than we accept.
    RequestTimeout,  ///< The peer stalled while sending.
    RateLimited,     ///< Too many requests.
    Unavailable,     ///< A dependency (disk, git, database) failed transiently.
    BadGateway,      ///< A remote we talk to (git remote, GitHub) refused or failed.
    Internal,        ///< A bug or an unexpected failure.
};

struct Error
{
    ErrorCode code = ErrorCode::Internal;
    QString message;
    QJsonObject details;

    [[nodiscard]] static Error validation(const QString &field, const QString &reason);
    [[nodiscard]] static Error notFound(const QString &resource, const QString &id);
    [[nodiscard]] static Error conflict(const QString &message, QJsonObject details = {});
    [[nodiscard]] static Error internal(const QString &message);

    /// The field a validation error is about, or empty.
    [[nodiscard]] QString field() const;
};

template<typename T>
using Result = std::expected<T, Error>;

/// Shorthand for returning an error from a function that yields Result<T>.
[[nodiscard]] inline std::unexpected<Error> fail(Error error)
{
    return std::unexpected<Error>(std::move(error));
}

} // namespace Core
