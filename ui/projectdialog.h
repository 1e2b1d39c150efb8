// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#pragma once

#include "core/error.h"
#include "core/project.h"

#include <QDialog>

class QDialogButtonBox;
class QLabel;
class QLineEdit;

namespace Core {
class ProjectService;
}

namespace Gui {

/// Confirms the name and base branch of a project for a repository the user opened, then
/// creates it. Core's verdict on the repository (not a git repository, unknown branch…) is shown
/// in a message box and the dialog stays open.
class ProjectDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ProjectDialog)

public:
    ProjectDialog(Core::ProjectService &projects,
                  const QString &repoPath,
                  QWidget *parent = nullptr);

    [[nodiscard]] QString repoPath() const { return m_repoPath; }
    [[nodiscard]] QString name() const;
    /// Empty means "the repository's current branch".
    [[nodiscard]] QString baseBranch() const;
    void setName(const QString &name);
    void setBaseBranch(const QString &branch);
    [[nodiscard]] bool isSaving() const { return m_saving; }

    void accept() override;

Q_SIGNALS:
    /// The project to show: the one just created, or the one that already had this repository.
    void projectReady(const Core::ProjectId &id);

private:
    void updateOkButton();
    void setSaving(bool saving);
    void onCreated(const Core::Result<Core::Project> &result);

    Core::ProjectService &m_projects;
    QString m_repoPath;
    bool m_saving = false;
    QLineEdit *m_name = nullptr;
    QLineEdit *m_baseBranch = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
};

} // namespace Gui
