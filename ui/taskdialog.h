// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#pragma once

#include "core/error.h"
#include "core/task.h"

#include <QDialog>

#include <optional>

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;

namespace Core {
class TaskService;
}

namespace Gui {

/// Creates or edits a task. OK saves through the service and closes only once the change is
/// committed; a rejected value keeps the dialog open with the core's message.
class TaskDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TaskDialog)

public:
    /// A new task in project.
    TaskDialog(Core::TaskService &tasks, const Core::ProjectId &project, QWidget *parent = nullptr);
    /// Edits task.
    TaskDialog(Core::TaskService &tasks, const Core::Task &task, QWidget *parent = nullptr);

    [[nodiscard]] bool isEditing() const { return m_original.has_value(); }
    /// The status a new task starts in.
    void setStatus(Core::TaskStatus status);
    /// The message of the last failed save, or empty.
    [[nodiscard]] QString errorText() const;
    [[nodiscard]] bool isSaving() const { return m_saving; }

    /// "a, b ,, c" → {"a", "b", "c"}
    [[nodiscard]] static QStringList parseLabels(const QString &text);

    void accept() override;

Q_SIGNALS:
    void saved(const Core::Task &task);

private:
    void buildUi();
    void updateOkButton();
    void setSaving(bool saving);
    void onSaved(const Core::Result<Core::Task> &result);
    [[nodiscard]] Core::TaskPatch changes() const;

    Core::TaskService &m_tasks;
    Core::ProjectId m_projectId;
    std::optional<Core::Task> m_original;
    bool m_saving = false;

    QLineEdit *m_title = nullptr;
    QPlainTextEdit *m_description = nullptr;
    QComboBox *m_status = nullptr;
    QComboBox *m_priority = nullptr;
    QLineEdit *m_labels = nullptr;
    QLabel *m_error = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
};

} // namespace Gui
