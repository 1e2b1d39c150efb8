// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#include "ui/projectdialog.h"

#include "core/projectservice.h"
#include "core/validation.h"
#include "ui/presentation.h"

#include <QDialogButtonBox>
#include <QDir>
#include <QFileInfo>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Gui {

ProjectDialog::ProjectDialog(Core::ProjectService &projects,
                             const QString &repoPath,
                             QWidget *parent)
    : QDialog(parent)
    , m_projects(projects)
    , m_repoPath(repoPath)
{
    setObjectName(u"projectDialog"_s);
    setWindowTitle(tr("New Project"));
    setMinimumWidth(480);

    auto *intro = new QLabel(tr("Forgedesk keeps a board of tasks for this repository."), this);
    intro->setWordWrap(true);

    auto *path = new QLabel(QDir::toNativeSeparators(repoPath), this);
    path->setObjectName(u"repoPath"_s);
    path->setTextInteractionFlags(Qt::TextSelectableByMouse);
    path->setWordWrap(true);
    QPalette mutedPalette = path->palette();
    mutedPalette.setColor(QPalette::WindowText,
                          Presentation::mix(palette().color(QPalette::WindowText),
                                            palette().color(QPalette::Window),
                                            0.35));
    path->setPalette(mutedPalette);

    m_name = new QLineEdit(QFileInfo(repoPath).fileName(), this);
    m_name->setObjectName(u"name"_s);
    m_name->setMaxLength(int(Core::Validate::maxNameLength));
    m_name->selectAll();

    m_baseBranch = new QLineEdit(this);
    m_baseBranch->setObjectName(u"baseBranch"_s);
    m_baseBranch->setPlaceholderText(tr("The repository's current branch"));

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Create Project"));
    connect(m_buttons, &QDialogButtonBox::accepted, this, &ProjectDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &ProjectDialog::reject);

    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->setVerticalSpacing(10);
    form->addRow(tr("Repository:"), path);
    form->addRow(tr("&Name:"), m_name);
    form->addRow(tr("&Base branch:"), m_baseBranch);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(18, 18, 18, 14);
    layout->setSpacing(14);
    layout->addWidget(intro);
    layout->addLayout(form);
    layout->addStretch();
    layout->addWidget(m_buttons);

    connect(m_name, &QLineEdit::textChanged, this, &ProjectDialog::updateOkButton);
    updateOkButton();
}

QString ProjectDialog::name() const
{
    return m_name->text();
}

QString ProjectDialog::baseBranch() const
{
    return m_baseBranch->text().trimmed();
}

void ProjectDialog::setName(const QString &name)
{
    m_name->setText(name);
}

void ProjectDialog::setBaseBranch(const QString &branch)
{
    m_baseBranch->setText(branch);
}

void ProjectDialog::updateOkButton()
{
    m_buttons->button(QDialogButtonBox::Ok)
        ->setEnabled(!m_saving && !m_name->text().trimmed().isEmpty());
}

void ProjectDialog::setSaving(bool saving)
{
    m_saving = saving;
    m_name->setEnabled(!saving);
    m_baseBranch->setEnabled(!saving);
    updateOkButton();
}

void ProjectDialog::accept()
{
    if (m_saving || m_name->text().trimmed().isEmpty())
        return;
    Core::NewProject input;
    input.name = m_name->text();
    input.repoPath = m_repoPath;
    if (!baseBranch().isEmpty())
        input.baseBranch = baseBranch();
    setSaving(true);
    m_projects.create(input).then(this, [this](const Core::Result<Core::Project> &result) {
        onCreated(result);
    });
}

void ProjectDialog::onCreated(const Core::Result<Core::Project> &result)
{
    setSaving(false);
    if (result) {
        Q_EMIT projectReady(result->id);
        QDialog::accept();
        return;
    }
    const Core::Error &error = result.error();
    // The repository already has a project (opened through a subfolder, say): just go there.
    const QString existing = error.details.value(u"projectId"_s).toString();
    if (error.code == Core::ErrorCode::Conflict && !existing.isEmpty()) {
        Q_EMIT projectReady(Core::ProjectId(existing));
        QDialog::accept();
        return;
    }
    auto *box = new QMessageBox(QMessageBox::Warning,
                                tr("Cannot Create Project"),
                                tr("The project could not be created."),
                                QMessageBox::Ok,
                                this);
    box->setObjectName(u"projectError"_s);
    box->setInformativeText(error.message);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
    if (error.field() == "baseBranch"_L1)
        m_baseBranch->setFocus();
    else if (error.field() == "name"_L1)
        m_name->setFocus();
}

} // namespace Gui
