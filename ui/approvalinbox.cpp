// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#include "ui/approvalinbox.h"

#include "core/approvalservice.h"
#include "core/attemptservice.h"
#include "core/engine.h"
#include "core/eventbus.h"
#include "core/taskservice.h"
#include "core/timestamps.h"
#include "ui/presentation.h"

#include <QAbstractListModel>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QPainter>
#include <QPainterPath>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QStackedWidget>
#include <QStyledItemDelegate>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Gui {
namespace {

constexpr int listLimit = 100;
constexpr int cardPaddingX = 12;
constexpr int cardPaddingY = 9;
constexpr int cardMarginY = 4;
constexpr qreal cardRadius = 8.0;
constexpr int accentWidth = 4;

QString typeName(Core::ApprovalType type)
{
    switch (type) {
    case Core::ApprovalType::Merge: return ApprovalInbox::tr("Merge");
    case Core::ApprovalType::Deploy: return ApprovalInbox::tr("Deploy");
    case Core::ApprovalType::Custom: return ApprovalInbox::tr("Request");
    case Core::ApprovalType::ToolUse: return ApprovalInbox::tr("Tool call");
    }
    return {};
}

QColor typeColor(Core::ApprovalType type)
{
    switch (type) {
    case Core::ApprovalType::Merge: return QColor::fromHsl(145, 120, 110);
    case Core::ApprovalType::Deploy: return QColor::fromHsl(265, 120, 140);
    case Core::ApprovalType::Custom: return QColor::fromHsl(205, 150, 120);
    case Core::ApprovalType::ToolUse: return QColor::fromHsl(32, 190, 120);
    }
    return {};
}

/// "4:59", "1 h 20 min", "expired", or empty for no expiry.
QString countdown(const QDateTime &expiresAt, const QDateTime &now)
{
    if (!expiresAt.isValid())
        return {};
    const qint64 seconds = now.secsTo(expiresAt);
    if (seconds <= 0)
        return ApprovalInbox::tr("expiring now");
    if (seconds < 3600)
        return ApprovalInbox::tr("expires in %1:%2")
            .arg(seconds / 60)
            .arg(seconds % 60, 2, 10, QLatin1Char('0'));
    if (seconds < 48 * 3600)
        return ApprovalInbox::tr("expires in %1 h %2 min")
            .arg(seconds / 3600)
            .arg(seconds % 3600 / 60);
    const qint64 days = seconds / 86400;
    return days == 1 ? ApprovalInbox::tr("expires in a day")
                     : ApprovalInbox::tr("expires in %1 days").arg(days);
}

/// One line saying what is asked, from the metadata the requester attached.
QString summary(const Core::Approval &approval)
{
    const QJsonObject &m = approval.metadata;
    if (approval.type == Core::ApprovalType::ToolUse) {
        const QString tool = m.value(u"toolName"_s).toString(m.value(u"tool"_s).toString());
        const QJsonObject input = m.value(u"toolInput"_s).toObject();
        for (const QString &key : {u"command"_s, u"file_path"_s, u"path"_s, u"url"_s}) {
            if (input.contains(key))
                return u"%1: %2"_s.arg(tool, input.value(key).toString().simplified());
        }
        return tool;
    }
    if (m.contains(u"filesChanged"_s)) {
        const int files = m.value(u"filesChanged"_s).toInt();
        const QString changed = files == 1 ? ApprovalInbox::tr("1 file")
                                           : ApprovalInbox::tr("%1 files").arg(files);
        return ApprovalInbox::tr("%1, +%2 −%3")
            .arg(changed)
            .arg(m.value(u"linesAdded"_s).toInt())
            .arg(m.value(u"linesRemoved"_s).toInt());
    }
    return approval.description.value_or(QString()).simplified();
}

} // namespace

/// The pending approvals, newest first, with the title of the task each belongs to.
class ApprovalListModel final : public QAbstractListModel
{
public:
    enum Role { ApprovalRole = Qt::UserRole + 1, ContextRole };

    using QAbstractListModel::QAbstractListModel;

    int rowCount(const QModelIndex &parent = {}) const override
    {
        return parent.isValid() ? 0 : int(m_items.size());
    }

    QVariant data(const QModelIndex &index, int role) const override
    {
        if (!index.isValid() || index.row() >= m_items.size())
            return {};
        const Core::Approval &approval = m_items.at(index.row());
        switch (role) {
        case Qt::DisplayRole: return approval.title;
        case Qt::ToolTipRole: return approval.description.value_or(approval.title);
        case ContextRole: return m_context.value(approval.attemptId.toString());
        default: return {};
        }
    }

    [[nodiscard]] const Core::Approval &at(int row) const { return m_items.at(row); }
    [[nodiscard]] const QList<Core::Approval> &items() const { return m_items; }

    int rowOf(const Core::ApprovalId &id) const
    {
        for (int row = 0; row < m_items.size(); ++row) {
            if (m_items.at(row).id == id)
                return row;
        }
        return -1;
    }

    void reset(QList<Core::Approval> items)
    {
        beginResetModel();
        m_items = std::move(items);
        std::ranges::sort(m_items, std::ranges::greater(), &Core::Approval::createdAt);
        endResetModel();
    }

    /// Inserts or replaces; true if it is new.
    bool upsert(const Core::Approval &approval)
    {
        if (const int row = rowOf(approval.id); row >= 0) {
            m_items[row] = approval;
            Q_EMIT dataChanged(index(row), index(row));
            return false;
        }
        const auto at = std::ranges::find_if(m_items, [&approval](const Core::Approval &a) {
            return a.createdAt < approval.createdAt;
        });
        const int row = int(at - m_items.begin());
        beginInsertRows({}, row, row);
        m_items.insert(row, approval);
        endInsertRows();
        return true;
    }

    void remove(const Core::ApprovalId &id)
    {
        if (const int row = rowOf(id); row >= 0) {
            beginRemoveRows({}, row, row);
            m_items.removeAt(row);
            endRemoveRows();
        }
    }

    [[nodiscard]] bool hasContext(const Core::AttemptId &attempt) const
    {
        return m_context.contains(attempt.toString());
    }

    void setContext(const Core::AttemptId &attempt, const QString &context)
    {
        m_context.insert(attempt.toString(), context);
        refresh();
    }

    /// Repaints every row (their countdowns move).
    void refresh()
    {
        if (!m_items.isEmpty())
            Q_EMIT dataChanged(index(0), index(int(m_items.size()) - 1));
    }

private:
    QList<Core::Approval> m_items;
    QHash<QString, QString> m_context; ///< Attempt id → "task title", once known.
};

namespace {

/// A card per approval: an accent by type, the title, what it is about, and the countdown.
class ApprovalCardDelegate final : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &) const override
    {
        const QFontMetrics metrics(option.font);
        return {200, cardMarginY * 2 + cardPaddingY * 2 + metrics.height() * 3 + 8};
    }

    void paint(QPainter *painter,
               const QStyleOptionViewItem &option,
               const QModelIndex &index) const override
    {
        const auto *model = static_cast<const ApprovalListModel *>(index.model());
        const Core::Approval &approval = model->at(index.row());
        const QPalette &palette = option.palette;
        const bool selected = option.state & QStyle::State_Selected;
        const QColor accent = typeColor(approval.type);

        painter->save();
        painter->setRenderHint(QPainter::Antialiasing);
        const QRectF card = QRectF(option.rect).adjusted(4, cardMarginY, -4, -cardMarginY);
        QPainterPath path;
        path.addRoundedRect(card, cardRadius, cardRadius);
        painter->fillPath(path,
                          selected ? Presentation::accentFill(palette.color(QPalette::Highlight),
                                                              palette)
                                   : palette.color(QPalette::Base));
        painter->setPen(QPen(Presentation::mix(palette.color(QPalette::Base),
                                               palette.color(QPalette::Text),
                                               selected ? 0.35 : 0.14),
                             1));
        painter->drawPath(path);
        painter->setClipPath(path);
        painter->fillRect(QRectF(card.left(), card.top(), accentWidth, card.height()), accent);
        painter->setClipping(false);

        QFont chipFont = option.font;
        chipFont.setPointSizeF(chipFont.pointSizeF() * 0.85);
        chipFont.setBold(true);
        const QFontMetrics chipMetrics(chipFont);
        const QString chip = typeName(approval.type);
        const QRectF chipRect(card.left() + accentWidth + cardPaddingX,
                              card.top() + cardPaddingY,
                              chipMetrics.horizontalAdvance(chip) + 12,
                              chipMetrics.height() + 2);
        painter->setPen(Qt::NoPen);
        painter->setBrush(Presentation::accentFill(accent, palette));
        painter->drawRoundedRect(chipRect, chipRect.height() / 2, chipRect.height() / 2);
        painter->setFont(chipFont);
        painter->setPen(Presentation::accentText(accent, palette));
        painter->drawText(chipRect, Qt::AlignCenter, chip);

        const QDateTime now = QDateTime::currentDateTimeUtc();
        const QString expiry = countdown(approval.expiresAt, now);
        const QColor muted = Presentation::mix(palette.color(QPalette::Text),
                                               palette.color(QPalette::Base),
                                               0.45);
        const qreal left = chipRect.left();
        const qreal width = card.right() - cardPaddingX - left;
        QFont small = option.font;
        small.setPointSizeF(small.pointSizeF() * 0.9);
        painter->setFont(small);
        const bool soon = approval.expiresAt.isValid() && now.secsTo(approval.expiresAt) < 60;
        painter->setPen(soon ? Presentation::errorText(palette) : muted);
        painter->drawText(QRectF(chipRect.right() + 8,
                                 chipRect.top(),
                                 card.right() - cardPaddingX - chipRect.right() - 8,
                                 chipRect.height()),
                          Qt::AlignVCenter | Qt::AlignRight,
                          expiry);

        QFont titleFont = option.font;
        titleFont.setBold(true);
        painter->setFont(titleFont);
        painter->setPen(palette.color(QPalette::Text));
        const QFontMetrics titleMetrics(titleFont);
        const qreal titleTop = chipRect.bottom() + 4;
        painter->drawText(QRectF(left, titleTop, width, titleMetrics.height()),
                          Qt::AlignLeft | Qt::AlignVCenter,
                          titleMetrics.elidedText(approval.title, Qt::ElideRight, int(width)));

        painter->setFont(small);
        painter->setPen(muted);
        const QFontMetrics smallMetrics(small);
        QStringList about;
        if (const QString context = index.data(ApprovalListModel::ContextRole).toString();
            !context.isEmpty())
            about.append(context);
        if (const QString what = summary(approval); !what.isEmpty() && what != approval.title)
            about.append(what);
        painter->drawText(QRectF(left,
                                 titleTop + titleMetrics.height() + 2,
                                 width,
                                 smallMetrics.height()),
                          Qt::AlignLeft | Qt::AlignVCenter,
                          smallMetrics.elidedText(about.join(u"  ·  "_s),
                                                  Qt::ElideRight,
                                                  int(width)));
        painter->restore();
    }
};

} // namespace

ApprovalInbox::ApprovalInbox(Core::Engine &engine, QWidget *parent)
    : QWidget(parent)
    , m_engine(engine)
    , m_model(new ApprovalListModel(this))
    , m_ticker(new QTimer(this))
{
    m_list = new QListView(this);
    m_list->setModel(m_model);
    m_list->setItemDelegate(new ApprovalCardDelegate(m_list));
    m_list->setSelectionMode(QAbstractItemView::SingleSelection);
    m_list->setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    m_list->setFrameShape(QFrame::NoFrame);
    m_list->setAccessibleName(tr("Pending approvals"));

    m_emptyLabel = new QLabel(tr("Nothing waits for your approval."), this);
    m_emptyLabel->setAlignment(Qt::AlignCenter);
    m_emptyLabel->setEnabled(false);

    auto *details = new QWidget(this);
    m_typeLabel = new QLabel(details);
    m_titleLabel = new QLabel(details);
    QFont titleFont = m_titleLabel->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.3);
    titleFont.setBold(true);
    m_titleLabel->setFont(titleFont);
    m_titleLabel->setWordWrap(true);
    m_titleLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_contextLabel = new QLabel(details);
    m_contextLabel->setWordWrap(true);
    m_expiryLabel = new QLabel(details);
    m_descriptionLabel = new QLabel(details);
    m_descriptionLabel->setWordWrap(true);
    m_descriptionLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_metadata = new QPlainTextEdit(details);
    m_metadata->setReadOnly(true);
    m_metadata->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_metadata->setAccessibleName(tr("Details"));
    m_comment = new QLineEdit(details);
    m_comment->setPlaceholderText(tr("Comment (optional)"));
    m_comment->setMaxLength(2000);
    m_approve = new QPushButton(tr("&Approve"), details);
    m_approve->setDefault(true);
    m_reject = new QPushButton(tr("&Reject"), details);
    m_error = new QLabel(this);
    m_error->setWordWrap(true);
    QPalette errorPalette = m_error->palette();
    errorPalette.setColor(QPalette::WindowText, Presentation::errorText(errorPalette));
    m_error->setPalette(errorPalette);
    m_error->hide();

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_comment, 1);
    buttons->addWidget(m_reject);
    buttons->addWidget(m_approve);
    auto *detailLayout = new QVBoxLayout(details);
    detailLayout->addWidget(m_typeLabel);
    detailLayout->addWidget(m_titleLabel);
    detailLayout->addWidget(m_contextLabel);
    detailLayout->addWidget(m_expiryLabel);
    detailLayout->addWidget(m_descriptionLabel);
    detailLayout->addWidget(m_metadata, 1);
    detailLayout->addLayout(buttons);

    auto *noSelection = new QLabel(tr("Choose an approval to see what it asks."), this);
    noSelection->setAlignment(Qt::AlignCenter);
    noSelection->setEnabled(false);
    m_detailPages = new QStackedWidget(this);
    m_detailPages->addWidget(noSelection);
    m_detailPages->addWidget(details);

    auto *listPages = new QStackedWidget(this);
    listPages->addWidget(m_emptyLabel);
    listPages->addWidget(m_list);

    auto *splitter = new QSplitter(this);
    splitter->addWidget(listPages);
    splitter->addWidget(m_detailPages);
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 3);
    splitter->setChildrenCollapsible(false);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_error);
    layout->addWidget(splitter, 1);

    const auto updateEmpty = [this, listPages] {
        listPages->setCurrentIndex(m_model->rowCount() == 0 ? 0 : 1);
        Q_EMIT pendingCountChanged(m_model->rowCount());
    };
    connect(m_model, &QAbstractItemModel::rowsInserted, this, updateEmpty);
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, updateEmpty);
    connect(m_model, &QAbstractItemModel::modelReset, this, updateEmpty);
    connect(m_list->selectionModel(),
            &QItemSelectionModel::currentChanged,
            this,
            &ApprovalInbox::showSelected);
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, &ApprovalInbox::showSelected);
    connect(m_approve, &QPushButton::clicked, this, [this] {
        respond(Core::ApprovalDecision::Approved);
    });
    connect(m_reject, &QPushButton::clicked, this, [this] {
        respond(Core::ApprovalDecision::Rejected);
    });
    connect(&engine.events(), &Core::EventBus::published, this, &ApprovalInbox::onEvent);
    m_ticker->setInterval(1000);
    connect(m_ticker, &QTimer::timeout, this, &ApprovalInbox::tick);
    m_ticker->start();

    updateEmpty();
    reload();
}

ApprovalInbox::~ApprovalInbox() = default;

QList<Core::Approval> ApprovalInbox::pending() const
{
    return m_model->items();
}

int ApprovalInbox::pendingCount() const
{
    return m_model->rowCount();
}

std::optional<Core::ApprovalId> ApprovalInbox::selectedId() const
{
    const QModelIndex current = m_list->currentIndex();
    if (!current.isValid())
        return std::nullopt;
    return m_model->at(current.row()).id;
}

void ApprovalInbox::select(const Core::ApprovalId &id)
{
    if (const int row = m_model->rowOf(id); row >= 0)
        m_list->setCurrentIndex(m_model->index(row));
}

QString ApprovalInbox::detailsText() const
{
    if (m_detailPages->currentIndex() == 0)
        return {};
    return QStringList{m_typeLabel->text(),
                       m_titleLabel->text(),
                       m_contextLabel->text(),
                       m_expiryLabel->text(),
                       m_descriptionLabel->text(),
                       m_metadata->toPlainText()}
        .join(u'\n');
}

QString ApprovalInbox::errorText() const
{
    return m_error->isHidden() ? QString() : m_error->text();
}

void ApprovalInbox::reload()
{
    Core::ApprovalQuery query;
    query.status = Core::ApprovalStatus::Pending;
    query.awaiting = m_engine.desktopIdentity();
    m_engine.approvals()
        .list(query, Core::PageRequest{1, listLimit})
        .then(this, [this](const Core::Result<Core::Page<Core::Approval>> &page) {
            if (!page) {
                showError(page.error().message);
                return;
            }
            // Those listed at start are not news: only later arrivals are announced.
            for (const Core::Approval &approval : page->items) {
                m_announced.insert(approval.id.toString());
                fetchContext(approval.attemptId);
            }
            const std::optional<Core::ApprovalId> selected = selectedId();
            m_model->reset(page->items);
            if (selected)
                select(*selected);
        });
}

void ApprovalInbox::onEvent(const Core::Event &event)
{
    if (const auto *approval = std::get_if<Core::ApprovalEvent>(&event))
        apply(*approval);
}

void ApprovalInbox::apply(const Core::ApprovalEvent &event)
{
    const Core::Approval &approval = event.approval;
    const QString me = m_engine.desktopIdentity();
    const bool waitsForMe = event.kind != Core::ChangeKind::Deleted && approval.isPending()
                            && approval.mayRespond(me) && !approval.responseOf(me);
    if (!waitsForMe) {
        m_model->remove(approval.id);
        return;
    }
    m_model->upsert(approval);
    fetchContext(approval.attemptId);
    if (selectedId() == approval.id)
        showSelected();
    if (!m_announced.contains(approval.id.toString())) {
        m_announced.insert(approval.id.toString());
        Q_EMIT approvalArrived(approval);
    }
}

void ApprovalInbox::fetchContext(const Core::AttemptId &attempt)
{
    if (m_model->hasContext(attempt))
        return;
    m_model->setContext(attempt, QString());
    m_engine.attempts()
        .get(attempt)
        .then(this,
              [this](const Core::Result<Core::Attempt> &found)
                  -> Core::Future<Core::Result<Core::Task>> {
                  if (!found)
                      return Core::Future<Core::Result<Core::Task>>::ready(
                          Core::fail(found.error()));
                  return m_engine.tasks().get(found->taskId);
              })
        .then(this, [this, attempt](const Core::Result<Core::Task> &task) {
            if (!task)
                return;
            m_model->setContext(attempt, task->title);
            if (selectedId() && m_model->at(m_list->currentIndex().row()).attemptId == attempt)
                showSelected();
        });
}

void ApprovalInbox::showSelected()
{
    const QModelIndex current = m_list->currentIndex();
    if (!current.isValid()) {
        m_detailPages->setCurrentIndex(0);
        return;
    }
    m_detailPages->setCurrentIndex(1);
    const Core::Approval &approval = m_model->at(current.row());
    m_typeLabel->setText(typeName(approval.type));
    m_titleLabel->setText(approval.title);
    const QString task = current.data(ApprovalListModel::ContextRole).toString();
    const QString asked = tr("Asked by %1")
                              .arg(approval.createdBy == "agent"_L1 ? tr("the agent")
                                                                    : approval.createdBy);
    m_contextLabel->setText(task.isEmpty() ? asked : tr("%1 · task “%2”").arg(asked, task));
    m_descriptionLabel->setText(approval.description.value_or(QString()));
    m_descriptionLabel->setVisible(!m_descriptionLabel->text().isEmpty());
    QString details;
    if (approval.type == Core::ApprovalType::ToolUse) {
        const QJsonObject &m = approval.metadata;
        details = tr("Tool: %1").arg(m.value(u"toolName"_s).toString(m.value(u"tool"_s).toString()))
                  + u"\n\n"_s
                  + QString::fromUtf8(QJsonDocument(m.value(u"toolInput"_s).toObject())
                                          .toJson(QJsonDocument::Indented));
    } else if (!approval.metadata.isEmpty()) {
        details = QString::fromUtf8(
            QJsonDocument(approval.metadata).toJson(QJsonDocument::Indented));
    }
    if (!approval.approvers.isEmpty())
        details.prepend(tr("Approvers: %1").arg(approval.approvers.join(u", "_s)) + u"\n\n"_s);
    m_metadata->setPlainText(details);
    m_metadata->setVisible(!details.isEmpty());
    tick();
}

void ApprovalInbox::tick()
{
    m_model->refresh();
    const QModelIndex current = m_list->currentIndex();
    if (!current.isValid())
        return;
    const Core::Approval &approval = m_model->at(current.row());
    const QString left = countdown(approval.expiresAt, QDateTime::currentDateTimeUtc());
    m_expiryLabel->setText(left.isEmpty() ? tr("Does not expire") : left);
}

void ApprovalInbox::respond(Core::ApprovalDecision decision)
{
    const std::optional<Core::ApprovalId> id = selectedId();
    if (!id || m_busy)
        return;
    const QString comment = m_comment->text().trimmed();
    setBusy(true);
    m_engine.approvals()
        .respond(*id,
                 m_engine.desktopIdentity(),
                 decision,
                 comment.isEmpty() ? std::nullopt : std::optional<QString>(comment))
        .then(this, [this](const Core::Result<Core::ApprovalService::Responded> &responded) {
            setBusy(false);
            if (!responded) {
                showError(responded.error().message);
                return;
            }
            m_comment->clear();
            // The event takes it out of the list; this covers an answer that left it pending
            // for others (another approver still has to answer).
            m_model->remove(responded->approval.id);
        });
}

void ApprovalInbox::setBusy(bool busy)
{
    m_busy = busy;
    m_approve->setEnabled(!busy);
    m_reject->setEnabled(!busy);
    if (busy)
        m_error->hide();
}

void ApprovalInbox::showError(const QString &message)
{
    m_error->setText(message);
    m_error->show();
}

} // namespace Gui
