// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#include "ui/taskdialog.h"

#include "core/taskservice.h"
#include "core/validation.h"
#include "ui/presentation.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Gui {

TaskDialog::TaskDialog(Core::TaskService &tasks, const Core::ProjectId &project, QWidget *parent)
    : QDialog(parent)
    , m_tasks(tasks)
    , m_projectId(project)
{
    buildUi();
    setWindowTitle(tr("New Task"));
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Create Task"));
    setStatus(Core::TaskStatus::Todo);
    m_priority->setCurrentIndex(m_priority->findData(int(Core::TaskPriority::Medium)));
    updateOkButton();
}

TaskDialog::TaskDialog(Core::TaskService &tasks, const Core::Task &task, QWidget *parent)
    : QDialog(parent)
    , m_tasks(tasks)
    , m_projectId(task.projectId)
    , m_original(task)
{
    buildUi();
    setWindowTitle(tr("Edit Task"));
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Save"));
    m_title->setText(task.title);
    m_description->setPlainText(task.description);
    m_status->setCurrentIndex(m_status->findData(int(task.status)));
    m_priority->setCurrentIndex(m_priority->findData(int(task.priority)));
    m_labels->setText(task.labels.join(u", "_s));
    updateOkButton();
}

void TaskDialog::buildUi()
{
    setObjectName(u"taskDialog"_s);
    setMinimumWidth(520);

    m_title = new QLineEdit(this);
    m_title->setObjectName(u"title"_s);
    m_title->setPlaceholderText(tr("What needs to be done?"));
    m_title->setMaxLength(int(Core::Validate::maxTitleLength));

    m_description = new QPlainTextEdit(this);
    m_description->setObjectName(u"description"_s);
    m_description->setPlaceholderText(tr("Details, acceptance criteria, links…"));
    m_description->setTabChangesFocus(true);
    m_description->setLineWrapMode(QPlainTextEdit::WidgetWidth);
    m_description->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_description->setMinimumHeight(140);

    m_status = new QComboBox(this);
    m_status->setObjectName(u"status"_s);
    for (Core::TaskStatus status : Core::allTaskStatuses)
        m_status->addItem(Presentation::statusName(status), int(status));

    m_priority = new QComboBox(this);
    m_priority->setObjectName(u"priority"_s);
    for (Core::TaskPriority priority : Core::allTaskPriorities)
        m_priority->addItem(Presentation::priorityName(priority), int(priority));

    m_labels = new QLineEdit(this);
    m_labels->setObjectName(u"labels"_s);
    m_labels->setPlaceholderText(tr("Comma-separated, e.g. backend, bug"));

    m_error = new QLabel(this);
    m_error->setObjectName(u"error"_s);
    m_error->setWordWrap(true);
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QPalette errorPalette = m_error->palette();
    errorPalette.setColor(QPalette::WindowText, Presentation::errorText(palette()));
    m_error->setPalette(errorPalette);
    m_error->hide();

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_buttons->setObjectName(u"buttons"_s);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &TaskDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &TaskDialog::reject);

    auto *statusAndPriority = new QHBoxLayout;
    statusAndPriority->setSpacing(8);
    statusAndPriority->addWidget(m_status, 1);
    auto *priorityLabel = new QLabel(tr("&Priority:"), this);
    priorityLabel->setBuddy(m_priority);
    statusAndPriority->addSpacing(10);
    statusAndPriority->addWidget(priorityLabel);
    statusAndPriority->addWidget(m_priority, 1);
    // A row whose field is a layout gets no buddy from QFormLayout; make the label ourselves.
    auto *statusLabel = new QLabel(tr("&Status:"), this);
    statusLabel->setBuddy(m_status);

    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->setVerticalSpacing(10);
    form->addRow(tr("&Title:"), m_title);
    form->addRow(tr("&Description:"), m_description);
    form->addRow(statusLabel, statusAndPriority);
    form->addRow(tr("&Labels:"), m_labels);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(18, 18, 18, 14);
    layout->setSpacing(12);
    layout->addLayout(form, 1);
    layout->addWidget(m_error);
    layout->addWidget(m_buttons);

    connect(m_title, &QLineEdit::textChanged, this, &TaskDialog::updateOkButton);
    m_title->setFocus();
}

void TaskDialog::setStatus(Core::TaskStatus status)
{
    m_status->setCurrentIndex(m_status->findData(int(status)));
}

QString TaskDialog::errorText() const
{
    return m_error->isHidden() ? QString() : m_error->text();
}

QStringList TaskDialog::parseLabels(const QString &text)
{
    QStringList labels;
    for (const QString &part : text.split(u',', Qt::SkipEmptyParts)) {
        const QString label = part.trimmed();
        if (!label.isEmpty() && !labels.contains(label))
            labels.append(label);
    }
    return labels;
}

void TaskDialog::updateOkButton()
{
    m_buttons->button(QDialogButtonBox::Ok)
        ->setEnabled(!m_saving && !m_title->text().trimmed().isEmpty());
}

void TaskDialog::setSaving(bool saving)
{
    m_saving = saving;
    for (QWidget *field : {static_cast<QWidget *>(m_title),
                           static_cast<QWidget *>(m_description),
                           static_cast<QWidget *>(m_status),
                           static_cast<QWidget *>(m_priority),
                           static_cast<QWidget *>(m_labels)}) {
        field->setEnabled(!saving);
    }
    updateOkButton();
}

Core::TaskPatch TaskDialog::changes() const
{
    Core::TaskPatch patch;
    const auto status = Core::TaskStatus(m_status->currentData().toInt());
    const auto priority = Core::TaskPriority(m_priority->currentData().toInt());
    const QStringList labels = parseLabels(m_labels->text());
    if (m_title->text() != m_original->title)
        patch.title = m_title->text();
    if (m_description->toPlainText() != m_original->description)
        patch.description = m_description->toPlainText();
    if (status != m_original->status)
        patch.status = status;
    if (priority != m_original->priority)
        patch.priority = priority;
    if (labels != m_original->labels)
        patch.labels = labels;
    return patch;
}

void TaskDialog::accept()
{
    if (m_saving || m_title->text().trimmed().isEmpty())
        return;
    m_error->hide();
    if (isEditing()) {
        const Core::TaskPatch patch = changes();
        if (patch.isEmpty()) {
            QDialog::accept();
            return;
        }
        setSaving(true);
        m_tasks.update(m_original->id, patch)
            .then(this, [this](const Core::Result<Core::Task> &result) { onSaved(result); });
        return;
    }
    Core::NewTask input;
    input.projectId = m_projectId;
    input.title = m_title->text();
    input.description = m_description->toPlainText();
    input.status = Core::TaskStatus(m_status->currentData().toInt());
    input.priority = Core::TaskPriority(m_priority->currentData().toInt());
    input.labels = parseLabels(m_labels->text());
    setSaving(true);
    m_tasks.create(input).then(this,
                               [this](const Core::Result<Core::Task> &result) { onSaved(result); });
}

void TaskDialog::onSaved(const Core::Result<Core::Task> &result)
{
    setSaving(false);
    if (!result) {
        m_error->setText(result.error().message);
        m_error->show();
        const QString field = result.error().field();
        if (field == "title"_L1)
            m_title->setFocus();
        else if (field == "description"_L1)
            m_description->setFocus();
        else if (field == "labels"_L1)
            m_labels->setFocus();
        return;
    }
    Q_EMIT saved(*result);
    QDialog::accept();
}

} // namespace Gui
