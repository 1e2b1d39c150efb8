// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#include "ui/taskpanel.h"

#include "core/attemptservice.h"
#include "core/draftservice.h"
#include "core/engine.h"
#include "core/eventbus.h"
#include "core/timestamps.h"
#include "ui/diffview.h"
#include "ui/logmodel.h"
#include "ui/logview.h"
#include "ui/presentation.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QKeyEvent>
#include <QLabel>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSplitter>
#include <QTabWidget>
#include <QToolButton>
#include <QTreeWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Gui {
namespace {

constexpr int attemptIdRole = Qt::UserRole + 1;
constexpr int itemIdRole = Qt::UserRole + 2;
constexpr int attemptLimit = 100;

enum AttemptColumn { AgentColumn, StatusColumn, DurationColumn, CostColumn };

QString firstLine(const QString &text, int length = 90)
{
    const QString line = text.section(u'\n', 0, 0).simplified();
    return line.size() > length ? line.left(length - 1) + u'…' : line;
}

QString queueStatusName(Core::QueueItemStatus status)
{
    switch (status) {
    case Core::QueueItemStatus::Pending: return TaskPanel::tr("waiting");
    case Core::QueueItemStatus::Running: return TaskPanel::tr("running");
    case Core::QueueItemStatus::Completed: return TaskPanel::tr("done");
    case Core::QueueItemStatus::Failed: return TaskPanel::tr("failed");
    case Core::QueueItemStatus::Cancelled: return TaskPanel::tr("cancelled");
    }
    return {};
}

QString draftStatusText(const Core::Draft &draft)
{
    switch (draft.status) {
    case Core::DraftStatus::Draft: return TaskPanel::tr("draft");
    case Core::DraftStatus::Scheduled:
        return draft.sendAfter.isValid() ? TaskPanel::tr("at %1").arg(
                   QLocale().toString(draft.sendAfter.toLocalTime(), QLocale::ShortFormat))
                                         : TaskPanel::tr("when idle");
    case Core::DraftStatus::Sent: return TaskPanel::tr("sent");
    case Core::DraftStatus::Failed: return TaskPanel::tr("failed");
    }
    return {};
}

} // namespace

TaskPanel::TaskPanel(Core::Engine &engine, QWidget *parent)
    : QWidget(parent)
    , m_engine(engine)
{
    setObjectName(u"taskPanel"_s);

    m_title = new QLabel(this);
    m_title->setObjectName(u"taskPanelTitle"_s);
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.25);
    titleFont.setWeight(QFont::DemiBold);
    m_title->setFont(titleFont);
    m_title->setWordWrap(true);
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_status = new QLabel(this);
    auto *close = new QToolButton(this);
    close->setIcon(style()->standardIcon(QStyle::SP_TitleBarCloseButton));
    close->setAutoRaise(true);
    close->setToolTip(tr("Close (Esc)"));
    close->setAccessibleName(tr("Close the task"));
    connect(close, &QToolButton::clicked, this, &TaskPanel::closeRequested);
    auto *header = new QHBoxLayout;
    auto *titles = new QVBoxLayout;
    titles->setSpacing(2);
    titles->addWidget(m_title);
    titles->addWidget(m_status);
    header->addLayout(titles, 1);
    header->addWidget(close, 0, Qt::AlignTop);

    m_attempts = new QTreeWidget(this);
    m_attempts->setObjectName(u"attemptList"_s);
    m_attempts->setRootIsDecorated(false);
    m_attempts->setUniformRowHeights(true);
    m_attempts->setHeaderLabels({tr("Agent"), tr("Status"), tr("Duration"), tr("Cost")});
    m_attempts->header()->setStretchLastSection(false);
    m_attempts->header()->setSectionResizeMode(AgentColumn, QHeaderView::Stretch);
    for (int column : {StatusColumn, DurationColumn, CostColumn})
        m_attempts->header()->setSectionResizeMode(column, QHeaderView::ResizeToContents);
    m_attempts->setAccessibleName(tr("Attempts"));
    connect(m_attempts, &QTreeWidget::currentItemChanged, this, &TaskPanel::onCurrentAttemptChanged);

    m_profile = new QComboBox(this);
    m_profile->setObjectName(u"attemptAgent"_s);
    m_profile->setAccessibleName(tr("Agent"));
    m_profile->addItems(engine.attempts().profileNames());
    m_variant = new QComboBox(this);
    m_variant->setObjectName(u"attemptVariant"_s);
    m_variant->setAccessibleName(tr("Variant"));
    const auto fillVariants = [this] {
        m_variant->clear();
        m_variant->addItem(tr("Default"), QString());
        for (const QString &variant : m_engine.attempts().variantsOf(m_profile->currentText()))
            m_variant->addItem(variant, variant);
        m_variant->setEnabled(m_variant->count() > 1);
    };
    connect(m_profile, &QComboBox::currentTextChanged, this, fillVariants);
    fillVariants();
    m_start = new QPushButton(tr("Start Attempt"), this);
    m_start->setObjectName(u"startAttempt"_s);
    connect(m_start, &QPushButton::clicked, this, [this] {
        const QString variant = m_variant->currentData().toString();
        startAttempt(m_profile->currentText(),
                     variant.isEmpty() ? std::nullopt : std::optional<QString>(variant));
    });
    m_cancel = new QPushButton(tr("Stop"), this);
    m_cancel->setToolTip(tr("Stop the agent of this attempt"));
    connect(m_cancel, &QPushButton::clicked, this, &TaskPanel::cancelAttempt);
    m_replace = new QPushButton(tr("Replace…"), this);
    m_replace->setToolTip(tr("Stop the agent and start it again with a new prompt"));
    connect(m_replace, &QPushButton::clicked, this, &TaskPanel::replaceProcess);
    m_progress = new QProgressBar(this);
    m_progress->setObjectName(u"attemptProgress"_s);
    m_progress->setRange(0, 0);
    m_progress->setTextVisible(false);
    m_progress->setFixedSize(72, 6);
    m_progress->setAccessibleName(tr("Working"));
    m_progress->hide();
    m_progressText = new QLabel(this);
    m_progressText->hide();
    auto *progressRow = new QHBoxLayout;
    progressRow->addWidget(m_progressText);
    progressRow->addWidget(m_progress);
    progressRow->addStretch(1);
    auto *startRow = new QHBoxLayout;
    startRow->addWidget(m_profile, 1);
    startRow->addWidget(m_variant, 1);
    startRow->addWidget(m_start);
    startRow->addSpacing(12);
    startRow->addWidget(m_cancel);
    startRow->addWidget(m_replace);

    // The follow-up box.
    auto *followUp = new QWidget(this);
    m_prompt = new QPlainTextEdit(followUp);
    m_prompt->setObjectName(u"followUpPrompt"_s);
    m_prompt->setPlaceholderText(tr("Tell the agent what to do next…"));
    m_prompt->setTabChangesFocus(true);
    m_send = new QPushButton(tr("Send"), followUp);
    m_send->setToolTip(tr("Send now as a follow-up (Ctrl+Enter)"));
    m_send->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Return));
    connect(m_send, &QPushButton::clicked, this, &TaskPanel::sendFollowUp);
    m_queueButton = new QPushButton(tr("Add to Queue"), followUp);
    m_queueButton->setToolTip(tr("Run after what runs now and what is queued before it"));
    connect(m_queueButton, &QPushButton::clicked, this, &TaskPanel::addToQueue);
    m_draftButton = new QPushButton(tr("Save Draft"), followUp);
    connect(m_draftButton, &QPushButton::clicked, this, &TaskPanel::saveDraft);
    m_scheduled = new QCheckBox(tr("Send at"), followUp);
    m_sendAt = new QDateTimeEdit(QDateTime::currentDateTime().addSecs(3600), followUp);
    m_sendAt->setCalendarPopup(true);
    m_sendAt->setEnabled(false);
    connect(m_scheduled, &QCheckBox::toggled, m_sendAt, &QWidget::setEnabled);
    auto *promptButtons = new QHBoxLayout;
    promptButtons->addWidget(m_scheduled);
    promptButtons->addWidget(m_sendAt);
    promptButtons->addStretch(1);
    promptButtons->addWidget(m_draftButton);
    promptButtons->addWidget(m_queueButton);
    promptButtons->addWidget(m_send);

    m_queue = new QListWidget(followUp);
    m_queue->setObjectName(u"followUpQueue"_s);
    m_queue->setDragDropMode(QAbstractItemView::InternalMove);
    m_queue->setDefaultDropAction(Qt::MoveAction);
    m_queue->setAccessibleName(tr("Queue"));
    connect(m_queue->model(), &QAbstractItemModel::rowsMoved, this, &TaskPanel::queueReordered);
    m_queueStatus = new QLabel(followUp);
    m_queueStatus->setWordWrap(true);
    m_runNext = new QPushButton(tr("Run Next"), followUp);
    connect(m_runNext, &QPushButton::clicked, this, [this] {
        if (const Core::Attempt *attempt = current()) {
            clearError();
            m_engine.drafts()
                .runNext(attempt->id)
                .then(this, [this](const Core::Result<Core::FollowUpQueue> &r) {
                    if (!r)
                        showError(r.error().message);
                    loadQueue();
                });
        }
    });
    auto *queueBox = new QGroupBox(tr("Queue"), followUp);
    auto *queueLayout = new QVBoxLayout(queueBox);
    queueLayout->addWidget(m_queue, 1);
    auto *queueRow = new QHBoxLayout;
    queueRow->addWidget(m_queueStatus, 1);
    queueRow->addWidget(m_runNext);
    queueLayout->addLayout(queueRow);

    m_drafts = new QListWidget(followUp);
    m_drafts->setObjectName(u"drafts"_s);
    m_drafts->setAccessibleName(tr("Drafts"));
    m_editDraft = new QPushButton(tr("Edit"), followUp);
    connect(m_editDraft, &QPushButton::clicked, this, &TaskPanel::editDraft);
    m_sendDraft = new QPushButton(tr("Send Now"), followUp);
    connect(m_sendDraft, &QPushButton::clicked, this, &TaskPanel::sendDraft);
    m_deleteDraft = new QPushButton(tr("Delete"), followUp);
    connect(m_deleteDraft, &QPushButton::clicked, this, &TaskPanel::deleteDraft);
    connect(m_drafts, &QListWidget::currentRowChanged, this, &TaskPanel::updateButtons);
    connect(m_drafts, &QListWidget::itemDoubleClicked, this, &TaskPanel::editDraft);
    auto *draftBox = new QGroupBox(tr("Drafts"), followUp);
    auto *draftLayout = new QVBoxLayout(draftBox);
    draftLayout->addWidget(m_drafts, 1);
    auto *draftRow = new QHBoxLayout;
    draftRow->addStretch(1);
    draftRow->addWidget(m_deleteDraft);
    draftRow->addWidget(m_editDraft);
    draftRow->addWidget(m_sendDraft);
    draftLayout->addLayout(draftRow);

    auto *lists = new QHBoxLayout;
    lists->addWidget(queueBox, 1);
    lists->addWidget(draftBox, 1);
    auto *followUpLayout = new QVBoxLayout(followUp);
    followUpLayout->addWidget(m_prompt, 2);
    followUpLayout->addLayout(promptButtons);
    followUpLayout->addLayout(lists, 3);

    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(u"attemptTabs"_s);
    m_tabs->setDocumentMode(true);
    m_tabs->addTab(followUp, tr("Follow-up"));
    m_logModel = new LogModel(engine, this);
    m_log = new LogView(m_logModel, m_tabs);
    m_log->setObjectName(u"attemptLog"_s);
    addAttemptPage(m_log, tr("Log"));
    m_diff = new DiffView(engine, m_tabs);
    m_diff->setObjectName(u"attemptDiff"_s);
    addAttemptPage(m_diff, tr("Changes"));
    connect(this,
            &TaskPanel::attemptChanged,
            m_diff,
            [this](const std::optional<Core::AttemptId> &id) {
                m_diff->setAttempt(id.value_or(Core::AttemptId()));
                m_logModel->setAttempt(id.value_or(Core::AttemptId()));
            });

    m_error = new QLabel(this);
    m_error->setWordWrap(true);
    QPalette errorPalette = m_error->palette();
    errorPalette.setColor(QPalette::WindowText, Presentation::errorText(errorPalette));
    m_error->setPalette(errorPalette);
    m_error->hide();

    auto *top = new QWidget(this);
    auto *topLayout = new QVBoxLayout(top);
    topLayout->setContentsMargins(0, 0, 0, 0);
    topLayout->addWidget(m_attempts, 1);
    topLayout->addLayout(progressRow);
    topLayout->addLayout(startRow);
    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(top);
    splitter->addWidget(m_tabs);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 4);
    splitter->setChildrenCollapsible(false);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(14, 12, 14, 12);
    layout->addLayout(header);
    layout->addWidget(m_error);
    layout->addWidget(splitter, 1);

    connect(&engine.events(), &Core::EventBus::published, this, &TaskPanel::onEvent);
    updateButtons();
}

TaskPanel::~TaskPanel() = default;

void TaskPanel::showTask(const Core::Task &task)
{
    const bool same = m_task && m_task->id == task.id;
    m_task = task;
    m_title->setText(task.title);
    m_status->setText(Presentation::statusName(task.status));
    if (same)
        return;
    ++m_loadGeneration;
    m_attemptList.clear();
    m_attempts->clear();
    m_editing.reset();
    clearError();
    updateButtons();
    loadAttempts();
}

std::optional<Core::TaskId> TaskPanel::taskId() const
{
    return m_task ? std::optional<Core::TaskId>(m_task->id) : std::nullopt;
}

std::optional<Core::AttemptId> TaskPanel::currentAttemptId() const
{
    const Core::Attempt *attempt = current();
    return attempt ? std::optional<Core::AttemptId>(attempt->id) : std::nullopt;
}

const Core::Attempt *TaskPanel::current() const
{
    const QTreeWidgetItem *row = m_attempts->currentItem();
    if (!row)
        return nullptr;
    const QString id = row->data(AgentColumn, attemptIdRole).toString();
    for (const Core::Attempt &attempt : m_attemptList) {
        if (attempt.id.toString() == id)
            return &attempt;
    }
    return nullptr;
}

void TaskPanel::selectAttempt(const Core::AttemptId &id)
{
    for (int i = 0; i < m_attempts->topLevelItemCount(); ++i) {
        QTreeWidgetItem *row = m_attempts->topLevelItem(i);
        if (row->data(AgentColumn, attemptIdRole).toString() == id.toString()) {
            m_attempts->setCurrentItem(row);
            return;
        }
    }
}

QList<Core::Attempt> TaskPanel::attempts() const
{
    return m_attemptList;
}

void TaskPanel::addAttemptPage(QWidget *page, const QString &title)
{
    m_tabs->insertTab(m_tabs->count() - 1, page, title);
    m_tabs->setCurrentIndex(0);
}

void TaskPanel::loadAttempts()
{
    if (!m_task)
        return;
    Core::AttemptQuery query;
    query.taskId = m_task->id;
    query.page = Core::PageRequest{1, attemptLimit};
    const int generation = m_loadGeneration;
    m_engine.attempts()
        .list(query)
        .then(this, [this, generation](const Core::Result<Core::Page<Core::Attempt>> &page) {
            if (generation != m_loadGeneration)
                return;
            if (!page) {
                showError(tr("Could not load the attempts: %1").arg(page.error().message));
                return;
            }
            for (const Core::Attempt &attempt : page->items)
                upsertAttempt(attempt);
            if (!m_attempts->currentItem() && m_attempts->topLevelItemCount() > 0)
                m_attempts->setCurrentItem(m_attempts->topLevelItem(0));
        });
}

void TaskPanel::upsertAttempt(const Core::Attempt &attempt)
{
    bool found = false;
    for (Core::Attempt &known : m_attemptList) {
        if (known.id == attempt.id) {
            known = attempt;
            found = true;
        }
    }
    if (!found) {
        // Newest first.
        const auto at = std::find_if(m_attemptList.begin(),
                                     m_attemptList.end(),
                                     [&attempt](const Core::Attempt &a) {
                                         return a.createdAt < attempt.createdAt;
                                     });
        const int row = int(at - m_attemptList.begin());
        m_attemptList.insert(row, attempt);
        auto *item = new QTreeWidgetItem;
        item->setData(AgentColumn, attemptIdRole, attempt.id.toString());
        m_attempts->insertTopLevelItem(row, item);
    }
    for (int i = 0; i < m_attempts->topLevelItemCount(); ++i) {
        QTreeWidgetItem *row = m_attempts->topLevelItem(i);
        if (row->data(AgentColumn, attemptIdRole).toString() == attempt.id.toString())
            fillRow(row, attempt);
    }
    if (current() && current()->id == attempt.id)
        updateButtons();
}

void TaskPanel::fillRow(QTreeWidgetItem *row, const Core::Attempt &attempt)
{
    row->setText(AgentColumn,
                 attempt.variant ? u"%1 · %2"_s.arg(attempt.llm, *attempt.variant) : attempt.llm);
    row->setToolTip(AgentColumn,
                    tr("%1 on branch %2").arg(attempt.model.value_or(attempt.llm), attempt.branch));
    QString status = attempt.queued ? tr("Waiting for a slot")
                                    : Presentation::attemptStatusName(attempt.status);
    if (attempt.mergedAt)
        status = tr("Merged");
    row->setText(StatusColumn, status);
    row->setForeground(StatusColumn,
                       Presentation::accentText(Presentation::attemptStatusColor(attempt.status),
                                                palette()));
    if (attempt.failureReason)
        row->setToolTip(StatusColumn, *attempt.failureReason);
    const std::optional<qint64> ms = attempt.durationMs();
    row->setText(DurationColumn, ms ? Presentation::duration(*ms) : QString());
    row->setText(CostColumn,
                 attempt.usage.totalCost > 0 ? Presentation::cost(attempt.usage.totalCost)
                                             : QString());
}

void TaskPanel::onEvent(const Core::Event &event)
{
    if (!m_task)
        return;
    if (const auto *attemptEvent = std::get_if<Core::AttemptEvent>(&event)) {
        const Core::AttemptEvent *e = attemptEvent;
        if (e->attempt.taskId != m_task->id)
            return;
        if (e->kind == Core::ChangeKind::Deleted) {
            for (int i = 0; i < m_attempts->topLevelItemCount(); ++i) {
                if (m_attempts->topLevelItem(i)->data(AgentColumn, attemptIdRole).toString()
                    == e->attempt.id.toString())
                    delete m_attempts->takeTopLevelItem(i);
            }
            m_attemptList.removeIf([&e](const Core::Attempt &a) { return a.id == e->attempt.id; });
            return;
        }
        const bool wasEmpty = m_attempts->topLevelItemCount() == 0;
        upsertAttempt(e->attempt);
        if (wasEmpty || e->kind == Core::ChangeKind::Created)
            selectAttempt(e->attempt.id);
        if (current() && current()->id == e->attempt.id && e->statusChanged())
            loadQueue();
    } else if (const auto *taskEvent = std::get_if<Core::TaskEvent>(&event)) {
        const Core::TaskEvent *e = taskEvent;
        if (e->task.id == m_task->id && e->kind != Core::ChangeKind::Deleted) {
            m_task = e->task;
            m_title->setText(e->task.title);
            m_status->setText(Presentation::statusName(e->task.status));
        } else if (e->task.id == m_task->id) {
            Q_EMIT closeRequested();
        }
    } else if (const auto *processEvent = std::get_if<Core::ProcessEvent>(&event)) {
        const Core::ExecutionProcess &process = processEvent->process;
        if (process.kind == Core::ProcessKind::Agent && currentAttemptId() == process.attemptId) {
            m_agentStatus = process.status;
            updateProgress();
        }
    } else if (const auto *draftEvent = std::get_if<Core::DraftEvent>(&event)) {
        const Core::DraftEvent *e = draftEvent;
        if (current() && e->draft.attemptId == current()->id)
            loadDrafts();
    }
}

void TaskPanel::onCurrentAttemptChanged()
{
    m_agentStatus.reset();
    if (const std::optional<Core::AttemptId> id = currentAttemptId()) {
        m_engine.attempts()
            .processesOf(*id)
            .then(this, [this, id](const Core::Result<QList<Core::ExecutionProcess>> &processes) {
                if (currentAttemptId() != id || !processes)
                    return;
                for (const Core::ExecutionProcess &process : *processes) {
                    if (process.kind == Core::ProcessKind::Agent)
                        m_agentStatus = process.status; // the latest is last
                }
                updateProgress();
            });
    }
    m_editing.reset();
    m_queue->clear();
    m_drafts->clear();
    m_draftList.clear();
    updateButtons();
    loadQueue();
    loadDrafts();
    Q_EMIT attemptChanged(currentAttemptId());
}

void TaskPanel::loadQueue()
{
    const Core::Attempt *attempt = current();
    if (!attempt)
        return;
    const Core::AttemptId id = attempt->id;
    m_engine.drafts().queue(id).then(this, [this, id](const Core::Result<Core::FollowUpQueue> &q) {
        if (currentAttemptId() != id)
            return;
        const QSignalBlocker blocker(m_queue->model());
        m_queue->clear();
        if (!q) {
            m_queueStatus->setText(q.error().message);
            return;
        }
        for (const Core::FollowUpQueueItem &item : q->items) {
            auto *row = new QListWidgetItem(u"%1  —  %2"_s.arg(firstLine(item.prompt),
                                                               queueStatusName(item.status)),
                                            m_queue);
            row->setData(itemIdRole, item.id.toString());
            row->setToolTip(item.error.isEmpty() ? item.prompt : item.error);
            Qt::ItemFlags flags = Qt::ItemIsEnabled | Qt::ItemIsSelectable;
            // Only what has not run yet moves.
            if (item.status == Core::QueueItemStatus::Pending)
                flags |= Qt::ItemIsDragEnabled;
            row->setFlags(flags);
        }
        const bool stopped = q->status == Core::QueueStatus::Stopped;
        m_queueStatus->setText(stopped              ? tr("Stopped: %1").arg(q->error)
                               : q->items.isEmpty() ? tr("Nothing queued")
                                                    : QString());
        m_runNext->setEnabled(q->nextPending() != nullptr);
    });
}

void TaskPanel::loadDrafts()
{
    const Core::Attempt *attempt = current();
    if (!attempt)
        return;
    const Core::AttemptId id = attempt->id;
    m_engine.drafts()
        .list(id, std::nullopt)
        .then(this, [this, id](const Core::Result<QList<Core::Draft>> &drafts) {
            if (currentAttemptId() != id || !drafts)
                return;
            const QString selected = m_drafts->currentItem()
                                         ? m_drafts->currentItem()->data(itemIdRole).toString()
                                         : QString();
            m_draftList = *drafts;
            m_drafts->clear();
            for (const Core::Draft &draft : std::as_const(m_draftList)) {
                auto *row = new QListWidgetItem(u"%1  —  %2"_s.arg(firstLine(draft.content),
                                                                   draftStatusText(draft)),
                                                m_drafts);
                row->setData(itemIdRole, draft.id.toString());
                row->setToolTip(draft.error.isEmpty() ? draft.content : draft.error);
                if (draft.id.toString() == selected)
                    m_drafts->setCurrentItem(row);
            }
            updateButtons();
        });
}

QStringList TaskPanel::queuePrompts() const
{
    QStringList lines;
    for (int i = 0; i < m_queue->count(); ++i)
        lines.append(m_queue->item(i)->text());
    return lines;
}

QStringList TaskPanel::draftLines() const
{
    QStringList lines;
    for (int i = 0; i < m_drafts->count(); ++i)
        lines.append(m_drafts->item(i)->text());
    return lines;
}

QString TaskPanel::errorText() const
{
    return m_error->isHidden() ? QString() : m_error->text();
}

void TaskPanel::startAttempt(const QString &profile, const std::optional<QString> &variant)
{
    if (!m_task || profile.isEmpty())
        return;
    clearError();
    Core::NewAttempt input;
    input.taskId = m_task->id;
    input.llm = profile;
    input.variant = variant;
    m_start->setEnabled(false);
    m_engine.attempts()
        .create(input)
        .then(this,
              [this](const Core::Result<Core::Attempt> &created)
                  -> Core::Future<Core::Result<Core::Attempt>> {
                  if (!created)
                      return Core::Future<Core::Result<Core::Attempt>>::ready(created);
                  return m_engine.attempts().start(created->id);
              })
        .then(this, [this](const Core::Result<Core::Attempt> &started) {
            m_start->setEnabled(true);
            if (!started)
                showError(tr("Could not start the attempt: %1").arg(started.error().message));
        });
}

void TaskPanel::sendFollowUp()
{
    const Core::Attempt *attempt = current();
    const QString prompt = m_prompt->toPlainText().trimmed();
    if (!attempt || prompt.isEmpty())
        return;
    clearError();
    m_send->setEnabled(false);
    m_engine.attempts()
        .followUp(attempt->id, prompt, std::nullopt)
        .then(this, [this](const Core::Result<Core::ExecutionProcess> &process) {
            updateButtons();
            if (!process) {
                showError(process.error().message);
                return;
            }
            m_prompt->clear();
            m_editing.reset();
        });
}

void TaskPanel::addToQueue()
{
    const Core::Attempt *attempt = current();
    const QString prompt = m_prompt->toPlainText().trimmed();
    if (!attempt || prompt.isEmpty())
        return;
    clearError();
    m_engine.drafts()
        .enqueue(attempt->id, prompt)
        .then(this, [this](const Core::Result<Core::FollowUpQueue> &queue) {
            if (!queue) {
                showError(queue.error().message);
                return;
            }
            m_prompt->clear();
            loadQueue();
        });
}

void TaskPanel::saveDraft()
{
    const Core::Attempt *attempt = current();
    const QString prompt = m_prompt->toPlainText().trimmed();
    if (!attempt || prompt.isEmpty())
        return;
    clearError();
    const QDateTime sendAfter = m_scheduled->isChecked() ? m_sendAt->dateTime().toUTC()
                                                         : QDateTime();
    const auto done = [this](const Core::Result<Core::Draft> &saved) {
        if (!saved) {
            // Someone else changed it meanwhile: show theirs, keep ours in the box.
            showError(saved.error().message);
            loadDrafts();
            return;
        }
        m_editing.reset();
        m_prompt->clear();
        m_scheduled->setChecked(false);
        loadDrafts();
    };
    if (m_editing && m_editing->attemptId == attempt->id) {
        Core::DraftPatch patch;
        patch.version = m_editing->version;
        patch.content = prompt;
        patch.sendAfter = sendAfter;
        patch.autoSend = sendAfter.isValid();
        m_engine.drafts().update(attempt->id, m_editing->id, patch).then(this, done);
        return;
    }
    Core::NewDraft input;
    input.type = Core::DraftType::FollowUp;
    input.content = prompt;
    input.sendAfter = sendAfter;
    input.autoSend = sendAfter.isValid();
    m_engine.drafts().create(attempt->id, input).then(this, done);
}

std::optional<Core::Draft> TaskPanel::selectedDraft() const
{
    const QListWidgetItem *row = m_drafts->currentItem();
    if (!row)
        return std::nullopt;
    for (const Core::Draft &draft : m_draftList) {
        if (draft.id.toString() == row->data(itemIdRole).toString())
            return draft;
    }
    return std::nullopt;
}

void TaskPanel::editDraft()
{
    const std::optional<Core::Draft> draft = selectedDraft();
    if (!draft || draft->status == Core::DraftStatus::Sent)
        return;
    m_editing = draft;
    m_prompt->setPlainText(draft->content);
    m_scheduled->setChecked(draft->sendAfter.isValid());
    if (draft->sendAfter.isValid())
        m_sendAt->setDateTime(draft->sendAfter.toLocalTime());
    m_prompt->setFocus();
}

void TaskPanel::sendDraft()
{
    const std::optional<Core::Draft> draft = selectedDraft();
    if (!draft)
        return;
    clearError();
    m_engine.drafts()
        .send(draft->attemptId, draft->id)
        .then(this, [this](const Core::Result<Core::Draft> &sent) {
            if (!sent)
                showError(sent.error().message);
            loadDrafts();
        });
}

void TaskPanel::deleteDraft()
{
    const std::optional<Core::Draft> draft = selectedDraft();
    if (!draft)
        return;
    clearError();
    if (m_editing && m_editing->id == draft->id)
        m_editing.reset();
    m_engine.drafts()
        .remove(draft->attemptId, draft->id)
        .then(this, [this](const Core::Result<Core::Draft> &removed) {
            if (!removed)
                showError(removed.error().message);
            loadDrafts();
        });
}

void TaskPanel::queueReordered()
{
    const Core::Attempt *attempt = current();
    if (!attempt)
        return;
    QList<Core::QueueItemId> pending;
    for (int i = 0; i < m_queue->count(); ++i) {
        const QListWidgetItem *row = m_queue->item(i);
        if (row->flags() & Qt::ItemIsDragEnabled)
            pending.append(Core::QueueItemId(row->data(itemIdRole).toString()));
    }
    clearError();
    m_engine.drafts()
        .reorderQueue(attempt->id, pending)
        .then(this, [this](const Core::Result<Core::FollowUpQueue> &queue) {
            if (!queue)
                showError(queue.error().message);
            loadQueue();
        });
}

void TaskPanel::cancelAttempt()
{
    const Core::Attempt *attempt = current();
    if (!attempt)
        return;
    clearError();
    m_engine.attempts()
        .cancel(attempt->id)
        .then(this, [this](const Core::Result<Core::Attempt> &cancelled) {
            if (!cancelled)
                showError(cancelled.error().message);
        });
}

void TaskPanel::replaceProcess()
{
    const Core::Attempt *attempt = current();
    if (!attempt)
        return;
    // Asynchronous (open(), not exec()): the window keeps taking events while it is up.
    auto *dialog = new QInputDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setObjectName(u"replaceProcessDialog"_s);
    dialog->setWindowTitle(tr("Replace the Agent's Run"));
    dialog->setLabelText(tr("The running agent stops, and starts again with this prompt:"));
    dialog->setOption(QInputDialog::UsePlainTextEditForTextInput);
    dialog->setTextValue(m_prompt->toPlainText());
    const Core::AttemptId id = attempt->id;
    connect(dialog, &QInputDialog::textValueSelected, this, [this, id](const QString &text) {
        const QString prompt = text.trimmed();
        if (prompt.isEmpty())
            return;
        clearError();
        m_engine.attempts()
            .replaceProcess(id, std::nullopt, std::nullopt, std::nullopt, prompt)
            .then(this, [this](const Core::Result<Core::AttemptService::Replacement> &replaced) {
                if (!replaced)
                    showError(replaced.error().message);
            });
    });
    dialog->open();
}

void TaskPanel::updateButtons()
{
    const Core::Attempt *attempt = current();
    const bool running = attempt && m_engine.attempts().isActive(attempt->id);
    m_start->setEnabled(m_task.has_value() && m_profile->count() > 0);
    m_cancel->setEnabled(running);
    m_replace->setEnabled(attempt != nullptr && !attempt->worktreeRemoved);
    m_send->setEnabled(attempt != nullptr && !running);
    m_queueButton->setEnabled(attempt != nullptr);
    m_draftButton->setEnabled(attempt != nullptr);
    updateProgress();
    const std::optional<Core::Draft> draft = selectedDraft();
    const bool open = draft && draft->status != Core::DraftStatus::Sent;
    m_editDraft->setEnabled(open);
    m_sendDraft->setEnabled(open && !running);
    m_deleteDraft->setEnabled(draft.has_value());
}

void TaskPanel::updateProgress()
{
    const Core::Attempt *attempt = current();
    QString text;
    if (attempt && attempt->status == Core::AttemptStatus::Running) {
        if (attempt->queued)
            text = tr("Waiting for a free slot…");
        else if (m_agentStatus == Core::ProcessStatus::Pending)
            text = attempt->worktreePath.isEmpty() ? tr("Creating the worktree…")
                                                   : tr("Preparing the worktree…");
    } else if (attempt && attempt->queued) {
        text = tr("Waiting for a free slot…");
    }
    m_progressText->setText(text);
    m_progressText->setVisible(!text.isEmpty());
    m_progress->setVisible(!text.isEmpty());
}

QString TaskPanel::progressText() const
{
    return m_progressText->isHidden() ? QString() : m_progressText->text();
}

void TaskPanel::showError(const QString &message)
{
    m_error->setText(message);
    m_error->show();
}

void TaskPanel::clearError()
{
    m_error->hide();
    m_error->clear();
}

void TaskPanel::keyPressEvent(QKeyEvent *event)
{
    if (event->key() == Qt::Key_Escape) {
        Q_EMIT closeRequested();
        return;
    }
    QWidget::keyPressEvent(event);
}

} // namespace Gui
