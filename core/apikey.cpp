// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#include "core/apikey.h"

#include "core/validation.h"

#include <QCryptographicHash>
#include <QRandomGenerator>

using namespace Qt::StringLiterals;

namespace Core {

QString ApiKey::generateSecret()
{
    // 64 symbols, so each draw is exactly 6 bits and none is more likely than another.
    static constexpr char alphabet[]
        = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    static_assert(sizeof(alphabet) - 1 == 64);
    QString secret;
    secret.reserve(secretPrefix.size() + secretRandomLength);
    secret.append(secretPrefix);
    // The system generator, not the global one: a key is a credential.
    QRandomGenerator *random = QRandomGenerator::system();
    for (int i = 0; i < secretRandomLength; ++i)
        secret.append(QLatin1Char(alphabet[random->bounded(64)]));
    return secret;
}

QString ApiKey::hashOf(QByteArrayView secret)
{
    return QString::fromLatin1(QCryptographicHash::hash(secret, QCryptographicHash::Sha256).toHex());
}

Result<std::pair<QString, QString>> ApiKey::validate(const QString &name,
                                                     const std::optional<QString> &email)
{
    auto checkedName = Validate::requiredLine(u"name"_s, name, maxNameLength);
    if (!checkedName)
        return fail(checkedName.error());
    if (!email || email->trimmed().isEmpty())
        return std::pair{*checkedName, *checkedName};
    auto address = Validate::email(u"email"_s, *email);
    if (!address)
        return fail(address.error());
    return std::pair{*checkedName, *address};
}

} // namespace Core
