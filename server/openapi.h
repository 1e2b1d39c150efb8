// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#pragma once

#include <QByteArray>
#include <QJsonObject>

namespace Server {

class Router;

/// The OpenAPI 3.1 description of every route in router: paths come from the route table itself,
/// so the document cannot list a route that does not exist or miss one that does.
[[nodiscard]] QJsonObject openApiDocument(const Router &router);
/// The same document as YAML.
[[nodiscard]] QByteArray toYaml(const QJsonObject &document);

} // namespace Server
