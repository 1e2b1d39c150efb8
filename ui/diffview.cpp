// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#include "ui/diffview.h"

#include "core/approvalservice.h"
#include "core/attemptservice.h"
#include "core/deliveryservice.h"
#include "core/engine.h"
#include "core/eventbus.h"
#include "core/taskservice.h"
#include "ui/difftextview.h"
#include "ui/presentation.h"

#include <QButtonGroup>
#include <QCheckBox>
#include <QComboBox>
#include <QDesktopServices>
#include <QDialog>
#include <QDialogButtonBox>
#include <QEvent>
#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenu>
#include <QPainter>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QShortcut>
#include <QSplitter>
#include <QStyle>
#include <QStyledItemDelegate>
#include <QToolButton>
#include <QUrl>
#include <QVBoxLayout>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Gui {
namespace {

constexpr auto layoutKey = "ui/diffLayout"_L1;
constexpr auto strategyKey = "ui/mergeStrategy"_L1;
constexpr int reloadDelayMs = 300;
constexpr Core::MergeStrategy strategies[] = {Core::MergeStrategy::Squash,
                                              Core::MergeStrategy::NoFastForward,
                                              Core::MergeStrategy::FastForward,
                                              Core::MergeStrategy::Rebase};

const QColor addedColor(0x2e, 0xa0, 0x43);
const QColor removedColor(0xd7, 0x3a, 0x49);
const QColor infoColor(0x2f, 0x80, 0xed);
const QColor warningColor(0xd0, 0x8a, 0x10);

QColor statusAccent(Core::DiffFileStatus status)
{
    switch (status) {
    case Core::DiffFileStatus::Added: return addedColor;
    case Core::DiffFileStatus::Modified: return warningColor;
    case Core::DiffFileStatus::Deleted: return removedColor;
    case Core::DiffFileStatus::Renamed: return QColor(0x9b, 0x5d, 0xe5);
    case Core::DiffFileStatus::Copied: return QColor(0x1b, 0x95, 0xa8);
    }
    return infoColor;
}

QString statusLetter(Core::DiffFileStatus status)
{
    return Core::wireName(status).left(1).toUpper();
}

QColor mutedText(const QPalette &palette)
{
    return Presentation::mix(palette.color(QPalette::WindowText),
                             palette.color(QPalette::Window),
                             0.42);
}

/// Untranslated English from tr("%n file(s)", …) reads "1 file", "2 files"; translations, which
/// carry their own plural forms, have no "(s)" left to replace.
QString plural(QString text, int count)
{
    return text.replace(u"(s)"_s, count == 1 ? QString() : u"s"_s);
}

/// How git names an operation on its command line ("cherry-pick" for "cherry_pick").
QString gitCommand(const QString &operation)
{
    return QString(operation).replace(u'_', u'-');
}

/// A rounded, tinted panel: the message bar and the conflict panel.
class TintedFrame final : public QFrame
{
public:
    using QFrame::QFrame;

    void setAccent(const QColor &accent)
    {
        m_accent = accent;
        update();
    }

protected:
    void paintEvent(QPaintEvent *) override
    {
        QPainter painter(this);
        painter.setRenderHint(QPainter::Antialiasing);
        const QPalette &pal = palette();
        const bool dark = Presentation::isDark(pal);
        painter.setPen(
            QPen(Presentation::mix(pal.color(QPalette::Base), m_accent, dark ? 0.5 : 0.45), 1));
        painter.setBrush(Presentation::mix(pal.color(QPalette::Base), m_accent, dark ? 0.18 : 0.09));
        painter.drawRoundedRect(QRectF(rect()).adjusted(0.5, 0.5, -0.5, -0.5), 6, 6);
    }

private:
    QColor m_accent = infoColor;
};

/// One changed file: status letter, name with its folder greyed, "+12 −3" on the right.
class FileDelegate final : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &) const override
    {
        return QSize(200, std::max(option.fontMetrics.height() + 12, 26));
    }

    void paint(QPainter *painter,
               const QStyleOptionViewItem &option,
               const QModelIndex &index) const override
    {
        QStyleOptionViewItem opt = option;
        initStyleOption(&opt, index);
        const QWidget *widget = opt.widget;
        QStyle *style = widget ? widget->style() : nullptr;
        opt.text.clear();
        if (style)
            style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, widget);

        const bool selected = opt.state & QStyle::State_Selected;
        const QPalette &pal = opt.palette;
        const QColor text = pal.color(selected ? QPalette::HighlightedText : QPalette::Text);
        const QColor muted = Presentation::mix(text,
                                               pal.color(selected ? QPalette::Highlight
                                                                  : QPalette::Base),
                                               0.42);
        const auto status = Core::DiffFileStatus(index.data(DiffView::StatusRole).toInt());
        const QString path = index.data(DiffView::PathRole).toString();
        const int additions = index.data(DiffView::AdditionsRole).toInt();
        const int deletions = index.data(DiffView::DeletionsRole).toInt();

        painter->save();
        painter->setRenderHint(QPainter::Antialiasing);
        QRect rect = opt.rect.adjusted(8, 0, -8, 0);
        const QFontMetrics metrics(opt.font);
        const int side = metrics.height();
        const QRect chip(rect.x(), rect.center().y() - side / 2 + 1, side, side);
        const QColor accent = statusAccent(status);
        painter->setPen(Qt::NoPen);
        painter->setBrush(Presentation::accentFill(accent, pal));
        painter->drawRoundedRect(chip, 3, 3);
        QFont chipFont = opt.font;
        chipFont.setBold(true);
        chipFont.setPointSizeF(chipFont.pointSizeF() * 0.8);
        painter->setFont(chipFont);
        painter->setPen(Presentation::accentText(accent, pal));
        painter->drawText(chip, Qt::AlignCenter, statusLetter(status));

        painter->setFont(opt.font);
        int right = rect.right();
        if (index.data(DiffView::BinaryRole).toBool()) {
            const QString binary = DiffView::tr("binary");
            const int width = metrics.horizontalAdvance(binary);
            painter->setPen(muted);
            painter->drawText(QRect(right - width, rect.y(), width, rect.height()),
                              Qt::AlignVCenter | Qt::AlignRight,
                              binary);
            right -= width + 10;
        } else {
            const QString added = u"+%1"_s.arg(additions);
            const QString removed = u"\u2212%1"_s.arg(deletions);
            const int removedWidth = metrics.horizontalAdvance(removed);
            const int addedWidth = metrics.horizontalAdvance(added);
            painter->setPen(selected ? text : Presentation::accentText(removedColor, pal));
            painter->drawText(QRect(right - removedWidth, rect.y(), removedWidth, rect.height()),
                              Qt::AlignVCenter | Qt::AlignRight,
                              removed);
            right -= removedWidth + 6;
            painter->setPen(selected ? text : Presentation::accentText(addedColor, pal));
            painter->drawText(QRect(right - addedWidth, rect.y(), addedWidth, rect.height()),
                              Qt::AlignVCenter | Qt::AlignRight,
                              added);
            right -= addedWidth + 10;
        }

        // The name first and whole if it fits; the folder after it, greyed and elided.
        const int left = chip.right() + 8;
        const int slash = int(path.lastIndexOf(u'/'));
        const QString name = path.mid(slash + 1);
        const QString folder = slash > 0 ? path.left(slash) : QString();
        const int available = std::max(0, right - left);
        const QString shownName = metrics.elidedText(name, Qt::ElideMiddle, available);
        const int nameWidth = metrics.horizontalAdvance(shownName);
        painter->setPen(text);
        painter->drawText(QRect(left, rect.y(), available, rect.height()),
                          Qt::AlignVCenter | Qt::AlignLeft,
                          shownName);
        if (!folder.isEmpty() && nameWidth + 24 < available) {
            painter->setPen(muted);
            const int folderWidth = available - nameWidth - 8;
            painter->drawText(QRect(left + nameWidth + 8, rect.y(), folderWidth, rect.height()),
                              Qt::AlignVCenter | Qt::AlignLeft,
                              metrics.elidedText(folder, Qt::ElideLeft, folderWidth));
        }
        painter->restore();
    }
};

/// A review comment: where, small and grey, over its text, wrapped.
class CommentDelegate final : public QStyledItemDelegate
{
public:
    static constexpr int locationRole = Qt::UserRole + 1;
    static constexpr int padding = 8;

    using QStyledItemDelegate::QStyledItemDelegate;

    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override
    {
        const int width = textWidth(option);
        const QRect text = option.fontMetrics.boundingRect(QRect(0, 0, width, 100000),
                                                           Qt::TextWordWrap,
                                                           index.data().toString());
        return QSize(width,
                     2 * padding + QFontMetrics(smallFont(option.font)).height() + 2
                         + text.height());
    }

    void paint(QPainter *painter,
               const QStyleOptionViewItem &option,
               const QModelIndex &index) const override
    {
        QStyleOptionViewItem opt = option;
        initStyleOption(&opt, index);
        opt.text.clear();
        if (const QWidget *widget = opt.widget)
            widget->style()->drawControl(QStyle::CE_ItemViewItem, &opt, painter, widget);
        const bool selected = opt.state & QStyle::State_Selected;
        const QPalette &pal = opt.palette;
        const QColor text = pal.color(selected ? QPalette::HighlightedText : QPalette::Text);
        const QColor base = pal.color(selected ? QPalette::Highlight : QPalette::Base);
        painter->save();
        const QFont small = smallFont(opt.font);
        const int smallHeight = QFontMetrics(small).height();
        const QRect area = opt.rect.adjusted(padding + 2, padding, -padding, -padding);
        painter->setFont(small);
        painter->setPen(Presentation::mix(text, base, 0.4));
        painter->drawText(QRect(area.x(), area.y(), area.width(), smallHeight),
                          Qt::AlignLeft | Qt::AlignVCenter,
                          QFontMetrics(small).elidedText(index.data(locationRole).toString(),
                                                         Qt::ElideMiddle,
                                                         area.width()));
        painter->setFont(opt.font);
        painter->setPen(text);
        painter->drawText(area.adjusted(0, smallHeight + 2, 0, 0),
                          Qt::AlignLeft | Qt::AlignTop | Qt::TextWordWrap,
                          index.data().toString());
        painter->fillRect(opt.rect.x(),
                          opt.rect.bottom(),
                          opt.rect.width(),
                          1,
                          Presentation::mix(pal.color(QPalette::Base),
                                            pal.color(QPalette::Text),
                                            0.08));
        painter->restore();
    }

private:
    static QFont smallFont(QFont font)
    {
        font.setPointSizeF(font.pointSizeF() * 0.88);
        return font;
    }

    static int textWidth(const QStyleOptionViewItem &option)
    {
        const auto *view = qobject_cast<const QAbstractItemView *>(option.widget);
        const int width = view ? view->viewport()->width() : option.rect.width();
        return std::max(60, width - 2 * padding - 2);
    }
};

QLabel *sectionTitle(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    QFont font = label->font();
    font.setWeight(QFont::DemiBold);
    label->setFont(font);
    label->setContentsMargins(10, 10, 10, 4);
    return label;
}

} // namespace

DiffView::DiffView(Core::Engine &engine, QWidget *parent)
    : QWidget(parent)
    , m_engine(engine)
{
    setObjectName(u"diffView"_s);
    // One thread: highlighting is background work and must not take both cores from git.
    m_highlightPool.setMaxThreadCount(1);
    m_highlightPool.setObjectName(u"diffHighlighting"_s);
    m_reloadTimer.setSingleShot(true);
    m_reloadTimer.setInterval(reloadDelayMs);
    connect(&m_reloadTimer, &QTimer::timeout, this, &DiffView::reload);

    m_text = new DiffTextView(this);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(createHeader());
    createMessageBar();
    auto *notices = new QVBoxLayout;
    notices->setContentsMargins(12, 0, 12, 0);
    notices->setSpacing(8);
    notices->addWidget(m_messageBar);
    notices->addWidget(createConflictPanel());
    layout->addLayout(notices);

    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->setObjectName(u"diffSplitter"_s);
    splitter->setChildrenCollapsible(false);
    splitter->addWidget(createSidePanel());
    splitter->addWidget(m_text);
    splitter->setStretchFactor(0, 0);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({260, 900});
    // A hairline in the palette's colours (a sunken QFrame draws white on incomplete dark ones).
    auto *rule = new QWidget(this);
    rule->setObjectName(u"diffRule"_s);
    rule->setFixedHeight(1);
    rule->setAutoFillBackground(true);
    layout->addSpacing(8);
    layout->addWidget(splitter, 1);
    layout->addWidget(rule);
    layout->addWidget(createActionBar());

    connect(m_text, &DiffTextView::commentRequested, this, &DiffView::editComment);
    connect(m_text, &DiffTextView::currentFileChanged, this, [this](int file) {
        const QSignalBlocker blocker(m_files);
        m_files->setCurrentRow(file);
        if (QListWidgetItem *item = m_files->currentItem())
            m_files->scrollToItem(item);
    });
    connect(&engine.events(), &Core::EventBus::published, this, &DiffView::onEvent);

    setDiffLayout(QSettings().value(layoutKey).toString() == "side-by-side"_L1
                      ? DiffLayout::SideBySide
                      : DiffLayout::Unified);
    m_text->setPlaceholderText(tr("Choose an attempt to review its changes."));
    applyPalette();
    updateHeader();
    updateActions();
}

DiffView::~DiffView()
{
    stopHighlighting();
    m_highlightPool.waitForDone();
}

QWidget *DiffView::createHeader()
{
    auto *header = new QWidget(this);
    header->setObjectName(u"diffHeader"_s);

    m_title = new QLabel(tr("Changes"), header);
    m_title->setObjectName(u"diffTitle"_s);
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.3);
    titleFont.setWeight(QFont::DemiBold);
    m_title->setFont(titleFont);
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_summary = new QLabel(header);
    m_summary->setObjectName(u"diffSummary"_s);
    m_summary->setTextFormat(Qt::RichText);
    m_branch = new QLabel(header);
    m_branch->setObjectName(u"diffBranch"_s);
    m_branch->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_busyLabel = new QLabel(header);
    m_busyLabel->setObjectName(u"diffBusyText"_s);
    m_busyBar = new QProgressBar(header);
    m_busyBar->setObjectName(u"diffBusy"_s);
    m_busyBar->setRange(0, 0);
    m_busyBar->setTextVisible(false);
    m_busyBar->setFixedSize(72, 6);
    m_busyBar->setAccessibleName(tr("Working"));
    m_busyBar->hide();
    m_busyLabel->hide();

    m_unifiedButton = new QToolButton(header);
    m_unifiedButton->setObjectName(u"diffUnified"_s);
    m_unifiedButton->setText(tr("Unified"));
    m_unifiedButton->setToolTip(tr("Show removed and added lines one under the other"));
    m_sideBySideButton = new QToolButton(header);
    m_sideBySideButton->setObjectName(u"diffSideBySide"_s);
    m_sideBySideButton->setText(tr("Side by Side"));
    m_sideBySideButton->setToolTip(tr("Show the old file on the left, the new one on the right"));
    auto *group = new QButtonGroup(header);
    for (QToolButton *button : {m_unifiedButton, m_sideBySideButton}) {
        button->setCheckable(true);
        button->setAutoRaise(false);
        button->setToolButtonStyle(Qt::ToolButtonTextOnly);
        group->addButton(button);
    }
    group->setExclusive(true);
    connect(m_unifiedButton, &QToolButton::clicked, this, [this] {
        setDiffLayout(DiffLayout::Unified);
    });
    connect(m_sideBySideButton, &QToolButton::clicked, this, [this] {
        setDiffLayout(DiffLayout::SideBySide);
    });

    m_refreshButton = new QToolButton(header);
    m_refreshButton->setObjectName(u"diffRefresh"_s);
    m_refreshButton->setIcon(
        QIcon::fromTheme(u"view-refresh"_s, style()->standardIcon(QStyle::SP_BrowserReload)));
    m_refreshButton->setToolTip(tr("Reload the changes"));
    m_refreshButton->setAccessibleName(tr("Reload"));
    m_refreshButton->setShortcut(QKeySequence::Refresh);
    connect(m_refreshButton, &QToolButton::clicked, this, &DiffView::reload);

    auto *titles = new QVBoxLayout;
    titles->setSpacing(2);
    auto *firstLine = new QHBoxLayout;
    firstLine->setSpacing(12);
    firstLine->addWidget(m_title);
    firstLine->addWidget(m_summary, 0, Qt::AlignBaseline);
    firstLine->addStretch();
    titles->addLayout(firstLine);
    titles->addWidget(m_branch);

    auto *toggle = new QHBoxLayout;
    toggle->setSpacing(0);
    toggle->addWidget(m_unifiedButton);
    toggle->addWidget(m_sideBySideButton);

    auto *row = new QHBoxLayout(header);
    row->setContentsMargins(16, 12, 12, 8);
    row->setSpacing(10);
    row->addLayout(titles, 1);
    row->addWidget(m_busyLabel);
    row->addWidget(m_busyBar);
    row->addSpacing(6);
    row->addLayout(toggle);
    row->addWidget(m_refreshButton);
    return header;
}

void DiffView::createMessageBar()
{
    auto *bar = new TintedFrame(this);
    m_messageBar = bar;
    m_messageBar->setObjectName(u"diffMessageBar"_s);
    m_messageIcon = new QLabel(m_messageBar);
    m_message = new QLabel(m_messageBar);
    m_message->setObjectName(u"diffMessage"_s);
    m_message->setWordWrap(true);
    m_message->setTextFormat(Qt::RichText);
    m_message->setOpenExternalLinks(true);
    m_message->setTextInteractionFlags(Qt::TextBrowserInteraction);
    auto *close = new QToolButton(m_messageBar);
    close->setObjectName(u"diffMessageClose"_s);
    close->setAutoRaise(true);
    close->setIcon(style()->standardIcon(QStyle::SP_TitleBarCloseButton));
    close->setToolTip(tr("Dismiss"));
    connect(close, &QToolButton::clicked, this, &DiffView::clearMessage);
    auto *row = new QHBoxLayout(m_messageBar);
    row->setContentsMargins(10, 6, 6, 6);
    row->setSpacing(8);
    row->addWidget(m_messageIcon, 0, Qt::AlignTop);
    row->addWidget(m_message, 1);
    row->addWidget(close, 0, Qt::AlignTop);
    m_messageBar->hide();
}

QWidget *DiffView::createConflictPanel()
{
    auto *panel = new TintedFrame(this);
    panel->setAccent(warningColor);
    m_conflictPanel = panel;
    m_conflictPanel->setObjectName(u"diffConflicts"_s);
    m_conflictTitle = new QLabel(m_conflictPanel);
    m_conflictTitle->setObjectName(u"diffConflictTitle"_s);
    m_conflictTitle->setWordWrap(true);
    QFont bold = m_conflictTitle->font();
    bold.setWeight(QFont::DemiBold);
    m_conflictTitle->setFont(bold);
    m_conflictFiles = new QListWidget(m_conflictPanel);
    m_conflictFiles->setObjectName(u"diffConflictFiles"_s);
    m_conflictFiles->setFrameShape(QFrame::NoFrame);
    m_conflictFiles->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_conflictFiles->setMaximumHeight(96);
    m_conflictFiles->setSelectionMode(QAbstractItemView::NoSelection);
    m_conflictFiles->viewport()->setAutoFillBackground(false);
    m_conflictFiles->setAutoFillBackground(false);
    connect(m_conflictFiles, &QListWidget::itemActivated, this, [this](QListWidgetItem *item) {
        const int file = m_text->document().indexOfPath(item->text());
        if (file >= 0)
            m_text->scrollToFile(file);
    });

    m_abortButton = new QPushButton(m_conflictPanel);
    m_abortButton->setObjectName(u"diffAbortConflict"_s);
    connect(m_abortButton, &QPushButton::clicked, this, &DiffView::abortConflicts);
    m_handToAgentButton = new QPushButton(tr("Hand to Agent"), m_conflictPanel);
    m_handToAgentButton->setObjectName(u"diffHandToAgent"_s);
    m_handToAgentButton->setToolTip(
        tr("Ask the agent to resolve the conflicts in these files, in its worktree"));
    connect(m_handToAgentButton, &QPushButton::clicked, this, &DiffView::handConflictsToAgent);

    auto *buttons = new QHBoxLayout;
    buttons->addStretch();
    buttons->addWidget(m_abortButton);
    buttons->addWidget(m_handToAgentButton);
    auto *column = new QVBoxLayout(m_conflictPanel);
    column->setContentsMargins(12, 8, 12, 8);
    column->setSpacing(6);
    column->addWidget(m_conflictTitle);
    column->addWidget(m_conflictFiles);
    column->addLayout(buttons);
    m_conflictPanel->hide();
    return m_conflictPanel;
}

QWidget *DiffView::createSidePanel()
{
    auto *panel = new QWidget(this);
    panel->setObjectName(u"diffSidePanel"_s);
    panel->setMinimumWidth(200);

    m_filesTitle = sectionTitle(tr("Files"), panel);
    m_files = new QListWidget(panel);
    m_files->setObjectName(u"diffFiles"_s);
    m_files->setAccessibleName(tr("Changed files"));
    m_files->setItemDelegate(new FileDelegate(m_files));
    m_files->setUniformItemSizes(true);
    m_files->setFrameShape(QFrame::NoFrame);
    m_files->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    connect(m_files, &QListWidget::currentRowChanged, this, [this](int row) {
        if (row >= 0)
            m_text->scrollToFile(row);
    });
    connect(m_files, &QListWidget::itemClicked, this, [this](QListWidgetItem *item) {
        m_text->scrollToFile(m_files->row(item));
    });

    m_commentsTitle = sectionTitle(tr("Review Comments"), panel);
    auto *hint = new QLabel(tr("Double-click a line, or press Enter on it, to comment."), panel);
    hint->setObjectName(u"diffCommentsHint"_s);
    hint->setWordWrap(true);
    hint->setContentsMargins(10, 0, 10, 4);
    m_commentList = new QListWidget(panel);
    m_commentList->setObjectName(u"diffComments"_s);
    m_commentList->setAccessibleName(tr("Review comments"));
    m_commentList->setFrameShape(QFrame::NoFrame);
    m_commentList->setItemDelegate(new CommentDelegate(m_commentList));
    m_commentList->setResizeMode(QListView::Adjust);
    m_commentList->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_commentList->setContextMenuPolicy(Qt::CustomContextMenu);
    m_commentList->setMaximumHeight(200);
    connect(m_commentList, &QListWidget::itemActivated, this, [this](QListWidgetItem *item) {
        const QList<LineComment> list = comments();
        const int index = m_commentList->row(item);
        if (index < 0 || index >= int(list.size()))
            return;
        const LineComment &c = list.at(index);
        const int file = m_text->document().indexOfPath(c.path);
        m_text->scrollToLine(m_text->document().find(file, c.line, c.oldSide));
        m_text->setFocus();
    });
    connect(m_commentList, &QWidget::customContextMenuRequested, this, [this](const QPoint &pos) {
        const int index = m_commentList->row(m_commentList->itemAt(pos));
        if (index < 0)
            return;
        auto *menu = new QMenu(this);
        menu->setAttribute(Qt::WA_DeleteOnClose);
        connect(menu->addAction(tr("Remove Comment")), &QAction::triggered, this, [this, index] {
            removeComment(index);
        });
        menu->popup(m_commentList->viewport()->mapToGlobal(pos));
    });
    auto *remove = new QShortcut(QKeySequence::Delete, m_commentList);
    remove->setContext(Qt::WidgetShortcut);
    connect(remove, &QShortcut::activated, this, [this] {
        removeComment(m_commentList->currentRow());
    });

    m_sendCommentsButton = new QPushButton(tr("Send to Agent"), panel);
    m_sendCommentsButton->setObjectName(u"diffSendComments"_s);
    m_sendCommentsButton->setToolTip(
        tr("Send every comment to the agent as one follow-up, then clear them"));
    connect(m_sendCommentsButton, &QPushButton::clicked, this, &DiffView::sendComments);

    auto *sendRow = new QHBoxLayout;
    sendRow->setContentsMargins(10, 4, 10, 10);
    sendRow->addStretch();
    sendRow->addWidget(m_sendCommentsButton);

    auto *column = new QVBoxLayout(panel);
    column->setContentsMargins(0, 0, 0, 0);
    column->setSpacing(0);
    column->addWidget(m_filesTitle);
    column->addWidget(m_files, 1);
    column->addWidget(m_commentsTitle);
    column->addWidget(hint);
    column->addWidget(m_commentList);
    column->addLayout(sendRow);
    return panel;
}

QWidget *DiffView::createActionBar()
{
    auto *bar = new QWidget(this);
    bar->setObjectName(u"diffActions"_s);

    m_openEditorButton = new QPushButton(tr("Open in Editor"), bar);
    m_openEditorButton->setObjectName(u"diffOpenEditor"_s);
    m_openEditorButton->setToolTip(tr("Open the attempt's worktree in your editor"));
    connect(m_openEditorButton, &QPushButton::clicked, this, &DiffView::openInEditor);

    m_pushButton = new QPushButton(tr("Push"), bar);
    m_pushButton->setObjectName(u"diffPush"_s);
    m_pushButton->setToolTip(tr("Push the attempt's branch to origin"));
    connect(m_pushButton, &QPushButton::clicked, this, &DiffView::push);

    m_pullRequestButton = new QPushButton(tr("Create Pull Request…"), bar);
    m_pullRequestButton->setObjectName(u"diffCreatePr"_s);
    connect(m_pullRequestButton, &QPushButton::clicked, this, &DiffView::createPullRequest);

    m_rebaseButton = new QPushButton(tr("Rebase"), bar);
    m_rebaseButton->setObjectName(u"diffRebase"_s);
    connect(m_rebaseButton, &QPushButton::clicked, this, &DiffView::rebase);

    m_strategy = new QComboBox(bar);
    m_strategy->setObjectName(u"diffMergeStrategy"_s);
    m_strategy->setAccessibleName(tr("Merge strategy"));
    const QString saved = QSettings().value(strategyKey).toString();
    for (const Core::MergeStrategy strategy : strategies) {
        m_strategy->addItem(mergeStrategyName(strategy), int(strategy));
        if (Core::wireName(strategy) == saved)
            m_strategy->setCurrentIndex(m_strategy->count() - 1);
    }
    m_strategy->setItemData(0,
                            tr("One commit on the target branch with all the changes"),
                            Qt::ToolTipRole);
    m_strategy->setItemData(1,
                            tr("A merge commit that keeps the branch's commits"),
                            Qt::ToolTipRole);
    m_strategy
        ->setItemData(2,
                      tr("Move the target branch to the attempt's commits; fails if it moved on"),
                      Qt::ToolTipRole);
    m_strategy->setItemData(3,
                            tr("Replay the attempt's commits on the target branch"),
                            Qt::ToolTipRole);

    m_mergeButton = new QPushButton(tr("Merge"), bar);
    m_mergeButton->setObjectName(u"diffMerge"_s);
    connect(m_mergeButton, &QPushButton::clicked, this, &DiffView::merge);

    m_approveButton = new QPushButton(tr("Approve Merge"), bar);
    m_approveButton->setObjectName(u"diffApprove"_s);
    m_approveButton->setToolTip(tr("Answer the pending merge approval of this attempt"));
    connect(m_approveButton, &QPushButton::clicked, this, &DiffView::approve);
    m_approveButton->hide();

    auto *strategyLabel = new QLabel(tr("Strategy:"), bar);
    strategyLabel->setBuddy(m_strategy);

    auto *row = new QHBoxLayout(bar);
    row->setContentsMargins(12, 8, 12, 10);
    row->setSpacing(8);
    row->addWidget(m_openEditorButton);
    row->addWidget(m_pushButton);
    row->addWidget(m_pullRequestButton);
    row->addStretch();
    row->addWidget(m_rebaseButton);
    row->addSpacing(12);
    row->addWidget(strategyLabel);
    row->addWidget(m_strategy);
    row->addWidget(m_approveButton);
    row->addWidget(m_mergeButton);
    return bar;
}

QString DiffView::mergeStrategyName(Core::MergeStrategy strategy)
{
    switch (strategy) {
    case Core::MergeStrategy::Squash: return tr("Squash");
    case Core::MergeStrategy::NoFastForward: return tr("Merge Commit");
    case Core::MergeStrategy::FastForward: return tr("Fast-Forward");
    case Core::MergeStrategy::Rebase: return tr("Rebase and Merge");
    }
    return {};
}

void DiffView::setAttempt(const Core::AttemptId &id)
{
    if (id == m_attemptId)
        return;
    m_attemptId = id;
    ++m_generation;
    m_loading = false;
    m_reloadQueued = false;
    m_shownOnce = false;
    m_reloadTimer.stop();
    m_attempt.reset();
    m_task.reset();
    m_pendingApproval.reset();
    stopHighlighting();
    m_text->clear();
    m_text->setPlaceholderText(id.isNull() ? tr("Choose an attempt to review its changes.")
                                           : tr("Loading the changes…"));
    clearMessage();
    showBranchStatus(std::nullopt);
    rebuildFileList();
    rebuildCommentList();
    updateHeader();
    updateActions();
    reload();
}

void DiffView::reload()
{
    if (m_attemptId.isNull())
        return;
    if (m_loading) {
        m_reloadQueued = true;
        return;
    }
    m_loading = true;
    setBusy(m_busyText); // shows "Loading…" unless an action is running
    const quint64 generation = m_generation;
    const Core::AttemptId id = m_attemptId;
    using AttemptResult = Core::Result<Core::Attempt>;
    using DiffResult = Core::Result<Core::AttemptDiff>;
    using StatusResult = Core::Result<Core::BranchStatus>;
    m_engine.attempts().get(id).then(this, [this, generation](const AttemptResult &attempt) {
        if (generation == m_generation && attempt)
            showAttempt(*attempt);
    });
    m_engine.delivery().diff(id).then(this, [this, generation](const DiffResult &diff) {
        onDiffLoaded(generation, diff);
    });
    m_engine.delivery().branchStatus(id).then(this, [this, generation](const StatusResult &status) {
        if (generation == m_generation)
            showBranchStatus(status ? std::optional<Core::BranchStatus>(*status) : std::nullopt);
    });
    refreshApproval();
}

void DiffView::onDiffLoaded(quint64 generation, const Core::Result<Core::AttemptDiff> &diff)
{
    if (generation != m_generation)
        return;
    m_loading = false;
    if (!diff) {
        stopHighlighting();
        m_text->clear();
        m_text->setPlaceholderText(tr("Cannot show the changes: %1").arg(diff.error().message));
        rebuildFileList();
        Q_EMIT loadFailed(diff.error().message);
    } else {
        m_text->setDiff(*diff, m_shownOnce);
        m_shownOnce = true;
        m_text->setPlaceholderText(tr("No changes yet."));
        rebuildFileList();
        rebuildCommentList();
        startHighlighting();
        Q_EMIT diffLoaded();
    }
    setBusy(m_busyText);
    updateHeader();
    updateActions();
    if (std::exchange(m_reloadQueued, false))
        reload();
}

void DiffView::showAttempt(const Core::Attempt &attempt)
{
    m_attempt = attempt;
    if (!m_task || m_task->id != attempt.taskId) {
        const quint64 generation = m_generation;
        m_engine.tasks()
            .get(attempt.taskId)
            .then(this, [this, generation](const Core::Result<Core::Task> &task) {
                if (generation != m_generation || !task)
                    return;
                m_task = *task;
                updateHeader();
            });
    }
    updateHeader();
    updateActions();
}

void DiffView::showBranchStatus(const std::optional<Core::BranchStatus> &status)
{
    m_branchStatus = status;
    QStringList files;
    if (status && !status->conflictedFiles.isEmpty()) {
        files = status->conflictedFiles;
        const QString operation = status->conflictOp.isEmpty() ? u"rebase"_s
                                                               : gitCommand(status->conflictOp);
        m_conflictTitle->setText(
            plural(tr("The %1 stopped on conflicts in %n file(s).", nullptr, int(files.size())),
                   int(files.size()))
                .arg(operation));
        m_abortButton->setText(tr("Abort the %1").arg(operation));
        m_abortButton->show();
    } else if (status && !status->conflicts.isEmpty()) {
        files = status->conflicts;
        m_conflictTitle->setText(
            plural(tr("Merging into %1 would conflict in %n file(s).", nullptr, int(files.size())),
                   int(files.size()))
                .arg(status->baseBranch));
        m_abortButton->hide();
    }
    m_conflictFiles->clear();
    m_conflictFiles->addItems(files);
    m_conflictPanel->setVisible(!files.isEmpty());
    updateHeader();
    updateActions();
}

void DiffView::refreshApproval()
{
    if (m_attemptId.isNull())
        return;
    const quint64 generation = m_generation;
    m_engine.approvals()
        .latest(m_attemptId, Core::ApprovalType::Merge)
        .then(this, [this, generation](const Core::Result<std::optional<Core::Approval>> &latest) {
            if (generation != m_generation)
                return;
            m_pendingApproval.reset();
            if (latest && *latest && (*latest)->isPending())
                m_pendingApproval = **latest;
            updateActions();
        });
}

void DiffView::onEvent(const Core::Event &event)
{
    if (m_attemptId.isNull())
        return;
    if (const auto *changed = std::get_if<Core::AttemptEvent>(&event)) {
        if (changed->attempt.id != m_attemptId)
            return;
        if (changed->kind == Core::ChangeKind::Deleted) {
            setAttempt({});
            m_text->setPlaceholderText(tr("The attempt was deleted."));
            return;
        }
        // Usage and log counters change all the time; only what git sees matters here.
        const bool moved = !m_attempt || m_attempt->status != changed->attempt.status
                           || m_attempt->commitSha != changed->attempt.commitSha
                           || m_attempt->baseCommit != changed->attempt.baseCommit
                           || m_attempt->baseBranch != changed->attempt.baseBranch
                           || m_attempt->mergedAt != changed->attempt.mergedAt
                           || m_attempt->worktreeRemoved != changed->attempt.worktreeRemoved;
        showAttempt(changed->attempt);
        if (moved)
            m_reloadTimer.start();
    } else if (const auto *process = std::get_if<Core::ProcessEvent>(&event)) {
        // An agent, setup or cleanup script that ended may have changed the worktree.
        if (process->process.attemptId == m_attemptId && process->previousStatus
            && *process->previousStatus != process->process.status) {
            m_reloadTimer.start();
        }
    } else if (const auto *approval = std::get_if<Core::ApprovalEvent>(&event)) {
        const Core::Approval &answered = approval->approval;
        if (answered.attemptId != m_attemptId || answered.type != Core::ApprovalType::Merge)
            return;
        if (answered.isPending())
            m_pendingApproval = answered;
        else if (m_pendingApproval && m_pendingApproval->id == answered.id)
            m_pendingApproval.reset();
        updateActions();
    }
}

void DiffView::startHighlighting()
{
    stopHighlighting();
    auto cancel = std::make_shared<std::atomic_bool>(false);
    m_highlightCancel = cancel;
    const quint64 generation = m_highlightGeneration;
    const DiffDocument &document = m_text->document();
    // The file in sight first, then the rest in order.
    const int first = std::max(0, m_text->currentFile());
    for (int n = 0; n < document.fileCount(); ++n) {
        const int index = (first + n) % document.fileCount();
        const Core::DiffFile &file = document.file(index);
        if (file.binary || file.tooLarge || file.hunks.isEmpty() || document.isHighlighted(index))
            continue;
        Core::runOnPool(m_highlightPool, [file, cancel] {
            const auto highlighter = Highlighter::create();
            return DiffDocument::highlight(file, *highlighter, cancel.get());
        }).then(this, [this, index, generation](const QList<QList<HighlightRange>> &lines) {
            if (generation == m_highlightGeneration && !lines.isEmpty())
                m_text->setHighlights(index, lines);
        });
    }
}

void DiffView::stopHighlighting()
{
    if (m_highlightCancel)
        m_highlightCancel->store(true);
    m_highlightCancel.reset();
    m_highlightPool.clear();
    ++m_highlightGeneration;
}

void DiffView::rebuildFileList()
{
    const QSignalBlocker blocker(m_files);
    m_files->clear();
    const DiffDocument &document = m_text->document();
    for (int i = 0; i < document.fileCount(); ++i) {
        const Core::DiffFile &file = document.file(i);
        auto *item = new QListWidgetItem(file.path, m_files);
        item->setData(PathRole, file.path);
        item->setData(StatusRole, int(file.status));
        item->setData(AdditionsRole, file.additions);
        item->setData(DeletionsRole, file.deletions);
        item->setData(FileIndexRole, i);
        item->setData(BinaryRole, file.binary);
        QString tip = file.oldPath.isEmpty() || file.oldPath == file.path
                          ? file.path
                          : tr("%1 (from %2)").arg(file.path, file.oldPath);
        tip += u'\n' + plural(tr("%n line(s) added", nullptr, file.additions), file.additions)
               + u", "_s
               + plural(tr("%n line(s) removed", nullptr, file.deletions), file.deletions);
        if (file.binary)
            tip += u'\n' + tr("Binary file");
        item->setToolTip(tip);
    }
    m_files->setCurrentRow(m_text->currentFile());
    m_filesTitle->setText(document.isEmpty() ? tr("Files")
                                             : tr("Files (%1)").arg(document.fileCount()));
}

QList<DiffView::LineComment> DiffView::comments() const
{
    return m_comments.value(m_attemptId);
}

void DiffView::addComment(const DiffLineRef &line, const QString &text)
{
    const DiffDocument &document = m_text->document();
    if (m_attemptId.isNull() || !line.isValid() || line.file >= document.fileCount()
        || line.line >= document.lineCount(line.file) || text.trimmed().isEmpty()) {
        return;
    }
    const Core::DiffLine &diffLine = document.line(line);
    LineComment comment;
    comment.path = document.file(line.file).path;
    comment.oldSide = diffLine.type == Core::DiffLine::Type::Delete;
    comment.line = comment.oldSide ? diffLine.oldLineNumber : diffLine.newLineNumber;
    comment.text = text.trimmed();
    m_comments[m_attemptId].append(comment);
    rebuildCommentList();
    updateActions();
}

void DiffView::editComment(const DiffLineRef &line)
{
    const DiffDocument &document = m_text->document();
    if (m_attemptId.isNull() || !line.isValid())
        return;
    const Core::DiffLine &diffLine = document.line(line);
    const bool oldSide = diffLine.type == Core::DiffLine::Type::Delete;
    const QString path = document.file(line.file).path;
    const int number = oldSide ? diffLine.oldLineNumber : diffLine.newLineNumber;

    auto *dialog = new QDialog(this);
    dialog->setObjectName(u"lineCommentDialog"_s);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(tr("Comment on a Line"));
    auto *where = new QLabel(oldSide ? tr("%1, removed line %2").arg(path).arg(number)
                                     : tr("%1, line %2").arg(path).arg(number),
                             dialog);
    QFont bold = where->font();
    bold.setWeight(QFont::DemiBold);
    where->setFont(bold);
    auto *code = new QLabel(dialog);
    QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    code->setFont(mono);
    code->setText(QFontMetrics(mono).elidedText(document.text(line).trimmed(), Qt::ElideRight, 460));
    QPalette muted = code->palette();
    muted.setColor(QPalette::WindowText, mutedText(palette()));
    code->setPalette(muted);
    auto *edit = new QPlainTextEdit(dialog);
    edit->setObjectName(u"lineCommentText"_s);
    edit->setPlaceholderText(tr("What should the agent change here?"));
    edit->setTabChangesFocus(true);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, dialog);
    QPushButton *ok = buttons->button(QDialogButtonBox::Ok);
    ok->setText(tr("Add Comment"));
    ok->setEnabled(false);
    connect(edit, &QPlainTextEdit::textChanged, dialog, [edit, ok] {
        ok->setEnabled(!edit->toPlainText().trimmed().isEmpty());
    });
    connect(buttons, &QDialogButtonBox::accepted, dialog, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::reject);
    auto *submit = new QShortcut(QKeySequence(Qt::CTRL | Qt::Key_Return), dialog);
    connect(submit, &QShortcut::activated, dialog, [ok] {
        if (ok->isEnabled())
            ok->click();
    });
    // What the comment is about is fixed now: a reload may replace the document meanwhile.
    connect(dialog,
            &QDialog::accepted,
            this,
            [this, edit, attempt = m_attemptId, path, number, oldSide] {
                const QString text = edit->toPlainText().trimmed();
                if (text.isEmpty())
                    return;
                m_comments[attempt].append({path, number, oldSide, text});
                rebuildCommentList();
                updateActions();
            });

    auto *layout = new QVBoxLayout(dialog);
    layout->addWidget(where);
    layout->addWidget(code);
    layout->addWidget(edit, 1);
    layout->addWidget(buttons);
    dialog->resize(520, 240);
    dialog->open();
    edit->setFocus();
}

void DiffView::removeComment(int index)
{
    auto found = m_comments.find(m_attemptId);
    if (found == m_comments.end() || index < 0 || index >= int(found->size()))
        return;
    found->removeAt(index);
    rebuildCommentList();
    updateActions();
}

QString DiffView::commentsPrompt() const
{
    const QList<LineComment> list = comments();
    if (list.isEmpty())
        return {};
    QString prompt = tr("Please address these review comments on your changes:") + u"\n\n"_s;
    for (const LineComment &c : list) {
        const QString where = c.oldSide ? tr("%1:%2 (removed line)").arg(c.path).arg(c.line)
                                        : u"%1:%2"_s.arg(c.path).arg(c.line);
        QString text = c.text;
        text.replace(u'\n', u"\n  "_s);
        prompt += u"- "_s + where + u": "_s + text + u'\n';
    }
    return prompt;
}

void DiffView::rebuildCommentList()
{
    const QList<LineComment> list = comments();
    m_commentList->clear();
    QList<DiffLineRef> marked;
    const DiffDocument &document = m_text->document();
    for (const LineComment &c : list) {
        const QString where = c.oldSide ? tr("%1:%2 (removed)").arg(c.path).arg(c.line)
                                        : u"%1:%2"_s.arg(c.path).arg(c.line);
        auto *item = new QListWidgetItem(c.text, m_commentList);
        item->setData(CommentDelegate::locationRole, where);
        item->setToolTip(tr("Double-click to show the line"));
        const DiffLineRef line = document.find(document.indexOfPath(c.path), c.line, c.oldSide);
        if (line.isValid())
            marked.append(line);
    }
    m_text->setMarkedLines(marked);
    m_commentsTitle->setText(list.isEmpty() ? tr("Review Comments")
                                            : tr("Review Comments (%1)").arg(list.size()));
    if (auto *hint = findChild<QLabel *>(u"diffCommentsHint"_s))
        hint->setVisible(list.isEmpty());
    m_commentList->setVisible(!list.isEmpty());
}

void DiffView::sendComments()
{
    const QList<LineComment> list = comments();
    if (m_attemptId.isNull() || list.isEmpty() || isBusy())
        return;
    const Core::AttemptId id = m_attemptId;
    const qsizetype count = list.size();
    runAction(tr("Sending comments…"),
              m_engine.attempts().followUp(id, commentsPrompt(), std::nullopt),
              tr("Could not send the comments: %1"),
              [this, id, count](const Core::ExecutionProcess &) {
                  // Only those sent: more may have been written meanwhile.
                  QList<LineComment> &stored = m_comments[id];
                  stored.remove(0, std::min(count, stored.size()));
                  rebuildCommentList();
                  showMessage(MessageKind::Success,
                              plural(tr("Sent %n comment(s) to the agent.", nullptr, int(count)),
                                     int(count)));
                  Q_EMIT followUpStarted(id);
              });
}

void DiffView::setDiffLayout(DiffLayout layout)
{
    m_text->setLayoutMode(layout);
    m_unifiedButton->setChecked(layout == DiffLayout::Unified);
    m_sideBySideButton->setChecked(layout == DiffLayout::SideBySide);
    QSettings().setValue(layoutKey,
                         layout == DiffLayout::SideBySide ? u"side-by-side"_s : u"unified"_s);
}

DiffLayout DiffView::diffLayout() const
{
    return m_text->layoutMode();
}

const DiffDocument &DiffView::document() const
{
    return m_text->document();
}

template<typename T, typename Done>
void DiffView::runAction(const QString &busyText,
                         Core::Future<Core::Result<T>> future,
                         const QString &failure,
                         Done done)
{
    clearMessage();
    setBusy(busyText);
    future.then(this, [this, failure, done](const Core::Result<T> &result) {
        setBusy({});
        if (!result) {
            const QString message = failure.arg(result.error().message);
            showMessage(MessageKind::Error, message.toHtmlEscaped());
            // Merging may have asked for an approval: show the button at once.
            if (result.error().details.contains(u"approvalId"_s))
                refreshApproval();
            Q_EMIT actionFinished(false, message);
            return;
        }
        done(*result);
        Q_EMIT actionFinished(true, m_message->text());
    });
}

void DiffView::approve()
{
    if (!m_pendingApproval)
        return;
    runAction(tr("Approving…"),
              m_engine.approvals().respond(m_pendingApproval->id,
                                           m_engine.desktopIdentity(),
                                           Core::ApprovalDecision::Approved,
                                           std::nullopt),
              tr("Could not approve: %1"),
              [this](const Core::ApprovalService::Responded &responded) {
                  showMessage(MessageKind::Success,
                              responded.approval.status == Core::ApprovalStatus::Approved
                                  ? tr("Merge approved. It can be merged now.")
                                  : tr("Your approval is recorded; other approvers still have "
                                       "to answer."));
                  refreshApproval();
              });
}

void DiffView::merge()
{
    if (m_attemptId.isNull())
        return;
    const auto strategy = Core::MergeStrategy(m_strategy->currentData().toInt());
    QSettings().setValue(strategyKey, Core::wireName(strategy));
    Core::DeliveryService::MergeRequest request;
    request.strategy = strategy;
    request.strategyName = Core::wireName(strategy);
    request.requestedBy = m_engine.desktopIdentity();
    const Core::AttemptId id = m_attemptId;
    runAction(tr("Merging…"),
              m_engine.delivery().merge(id, request),
              tr("Could not merge: %1"),
              [this, id](const Core::DeliveryService::MergeResult &result) {
                  showMessage(MessageKind::Success,
                              tr("Merged into %1 as %2.")
                                  .arg(result.targetBranch.toHtmlEscaped(),
                                       result.outcome.commit.left(10)));
                  Q_EMIT merged(id, result.outcome.commit);
                  if (id == m_attemptId)
                      reload();
              });
}

void DiffView::rebase()
{
    if (m_attemptId.isNull())
        return;
    const Core::AttemptId id = m_attemptId;
    const QString base = m_attempt ? m_attempt->baseBranch : QString();
    runAction(tr("Rebasing…"),
              m_engine.delivery().rebase(id),
              tr("Could not rebase: %1"),
              [this, id, base](const Core::DeliveryService::RebaseResult &result) {
                  if (result.outcome.conflicted) {
                      showMessage(MessageKind::Error,
                                  tr("The rebase stopped on conflicts in %1. Hand them to the "
                                     "agent, or abort the rebase.")
                                      .arg(result.outcome.conflicts.join(u", "_s).toHtmlEscaped()));
                  } else {
                      showMessage(MessageKind::Success,
                                  plural(tr("Rebased onto %1: %n commit(s) replayed.",
                                            nullptr,
                                            result.outcome.commitsReplayed),
                                         result.outcome.commitsReplayed)
                                      .arg(base.toHtmlEscaped()));
                  }
                  if (id == m_attemptId)
                      reload();
              });
}

void DiffView::push()
{
    if (m_attemptId.isNull())
        return;
    const Core::AttemptId id = m_attemptId;
    runAction(tr("Pushing…"),
              m_engine.delivery().push(id, u"origin"_s, false),
              tr("Could not push: %1"),
              [this](const Core::DeliveryService::PushResult &result) {
                  showMessage(MessageKind::Success,
                              tr("Pushed %1 to %2.")
                                  .arg(result.branch.toHtmlEscaped(),
                                       result.remote.toHtmlEscaped()));
              });
}

void DiffView::createPullRequest()
{
    if (m_attempt && m_attempt->pullRequest && !m_attempt->pullRequest->url.isEmpty()) {
        QDesktopServices::openUrl(QUrl(m_attempt->pullRequest->url));
        return;
    }
    openPullRequestDialog();
}

void DiffView::openPullRequestDialog()
{
    if (m_attemptId.isNull())
        return;
    auto *dialog = new QDialog(this);
    dialog->setObjectName(u"pullRequestDialog"_s);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(tr("Create Pull Request"));
    auto *title = new QLineEdit(m_task ? m_task->title : QString(), dialog);
    title->setObjectName(u"pullRequestTitle"_s);
    title->setPlaceholderText(tr("What the change does"));
    auto *body = new QPlainTextEdit(dialog);
    body->setObjectName(u"pullRequestBody"_s);
    body->setPlaceholderText(tr("Why, and how to check it (optional)"));
    QString text = m_task ? m_task->description : QString();
    if (m_attempt && !m_attempt->summary.isEmpty())
        text += (text.isEmpty() ? QString() : u"\n\n"_s) + m_attempt->summary;
    body->setPlainText(text);
    body->setTabChangesFocus(true);
    auto *base = new QLineEdit(m_attempt ? m_attempt->baseBranch : QString(), dialog);
    base->setObjectName(u"pullRequestBase"_s);
    auto *draft = new QCheckBox(tr("Open as a draft"), dialog);
    draft->setObjectName(u"pullRequestDraft"_s);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, dialog);
    QPushButton *ok = buttons->button(QDialogButtonBox::Ok);
    ok->setText(tr("Create Pull Request"));
    ok->setEnabled(!title->text().trimmed().isEmpty());
    connect(title, &QLineEdit::textChanged, dialog, [ok](const QString &value) {
        ok->setEnabled(!value.trimmed().isEmpty());
    });
    connect(buttons, &QDialogButtonBox::accepted, dialog, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::reject);
    connect(dialog, &QDialog::accepted, this, [this, title, body, base, draft, id = m_attemptId] {
        Core::DeliveryService::NewPullRequestInput input;
        input.title = title->text().trimmed();
        if (!body->toPlainText().trimmed().isEmpty())
            input.body = body->toPlainText();
        if (!base->text().trimmed().isEmpty())
            input.baseBranch = base->text().trimmed();
        input.draft = draft->isChecked();
        runAction(tr("Opening the pull request…"),
                  m_engine.delivery().createPullRequest(id, input),
                  tr("Could not open the pull request: %1"),
                  [this, id](const Core::PullRequest &pr) {
                      showMessage(MessageKind::Success,
                                  tr("Opened pull request <a href=\"%1\">#%2</a>.")
                                      .arg(pr.url.toHtmlEscaped())
                                      .arg(pr.number));
                      if (id == m_attemptId)
                          reload();
                  });
    });

    auto *form = new QFormLayout;
    form->addRow(tr("&Title:"), title);
    form->addRow(tr("&Description:"), body);
    form->addRow(tr("&Into branch:"), base);
    form->addRow(QString(), draft);
    auto *layout = new QVBoxLayout(dialog);
    layout->addLayout(form);
    layout->addWidget(buttons);
    dialog->resize(560, 380);
    dialog->open();
}

void DiffView::openInEditor()
{
    if (m_attemptId.isNull())
        return;
    runAction(tr("Opening the editor…"),
              m_engine.delivery().openInEditor(m_attemptId, {}, {}),
              tr("Could not open the editor: %1"),
              [this](const Core::EditorLaunch &launch) {
                  showMessage(MessageKind::Info,
                              tr("Opened the worktree in %1.").arg(launch.editor.toHtmlEscaped()));
              });
}

void DiffView::handConflictsToAgent()
{
    if (m_attemptId.isNull() || !m_branchStatus)
        return;
    const Core::BranchStatus &status = *m_branchStatus;
    const bool stopped = !status.conflictedFiles.isEmpty();
    const QStringList files = stopped ? status.conflictedFiles : status.conflicts;
    if (files.isEmpty())
        return;
    QString list;
    for (const QString &file : files)
        list += u"- "_s + file + u'\n';
    QString prompt;
    if (stopped) {
        const QString operation = status.conflictOp.isEmpty() ? u"rebase"_s
                                                              : gitCommand(status.conflictOp);
        prompt = tr("The %1 onto %2 stopped with conflicts in these files:\n%3\nResolve the "
                    "conflicts, keeping the intent of both sides, then stage the files and run "
                    "`git %1 --continue`.")
                     .arg(operation, status.baseBranch, list);
    } else {
        prompt = tr("Merging this branch into %1 would conflict in these files:\n%2\nRebase the "
                    "branch onto %1 and resolve the conflicts, keeping the intent of both sides.")
                     .arg(status.baseBranch, list);
    }
    const Core::AttemptId id = m_attemptId;
    const int count = int(files.size());
    runAction(tr("Handing the conflicts to the agent…"),
              m_engine.attempts().followUp(id, prompt, std::nullopt),
              tr("Could not hand the conflicts to the agent: %1"),
              [this, id, count](const Core::ExecutionProcess &) {
                  showMessage(MessageKind::Success,
                              plural(tr("Handed %n conflicted file(s) to the agent.", nullptr, count),
                                     count));
                  Q_EMIT followUpStarted(id);
              });
}

void DiffView::abortConflicts()
{
    if (m_attemptId.isNull())
        return;
    const Core::AttemptId id = m_attemptId;
    runAction(tr("Aborting…"),
              m_engine.delivery().abortConflicts(id),
              tr("Could not abort: %1"),
              [this, id](const QString &operation) {
                  showMessage(MessageKind::Info,
                              tr("Aborted the %1.").arg(gitCommand(operation).toHtmlEscaped()));
                  if (id == m_attemptId)
                      reload();
              });
}

void DiffView::updateHeader()
{
    m_title->setText(m_task ? m_task->title : tr("Changes"));
    const DiffDocument &document = m_text->document();
    const QPalette &pal = palette();
    if (document.isEmpty()) {
        m_summary->clear();
    } else {
        const Core::DiffSummary &summary = document.diff().summary;
        m_summary->setText(
            u"%1 &nbsp;<span style=\"color:%2\">+%3</span> <span style=\"color:%4\">\u2212%5</span>"_s
                .arg(plural(tr("%n file(s) changed", nullptr, summary.filesChanged),
                            summary.filesChanged)
                         .toHtmlEscaped(),
                     Presentation::accentText(addedColor, pal).name())
                .arg(summary.additions)
                .arg(Presentation::accentText(removedColor, pal).name())
                .arg(summary.deletions));
    }
    QString branch;
    if (m_attempt && !m_attempt->branch.isEmpty()) {
        branch = tr("%1 → %2").arg(m_attempt->branch, m_attempt->baseBranch);
        if (m_attempt->mergedAt)
            branch += u"  ·  "_s + tr("merged");
        else if (m_branchStatus)
            branch += u"  ·  "_s
                      + plural(tr("%n commit(s) ahead", nullptr, m_branchStatus->ahead),
                               m_branchStatus->ahead)
                      + u", "_s + tr("%n behind", nullptr, m_branchStatus->behind);
        if (m_attempt->pullRequest)
            branch += u"  ·  "_s + tr("pull request #%1").arg(m_attempt->pullRequest->number);
        if (m_engine.attempts().isActive(m_attempt->id))
            branch += u"  ·  "_s + tr("the agent is working");
    }
    m_branch->setText(branch);
}

void DiffView::updateActions()
{
    const bool has = !m_attemptId.isNull() && m_attempt.has_value();
    const bool idle = !isBusy();
    const bool active = has && m_engine.attempts().isActive(m_attemptId);
    const bool merged = has && m_attempt->mergedAt.has_value();
    const bool branch = has && !m_attempt->branch.isEmpty();
    const bool worktree = has && !m_attempt->worktreeRemoved && !m_attempt->worktreePath.isEmpty();
    const QString working = active ? tr("The agent is still working on this attempt.") : QString();

    m_mergeButton->setText(has && !m_attempt->baseBranch.isEmpty()
                               ? tr("Merge into %1").arg(m_attempt->baseBranch)
                               : tr("Merge"));
    m_mergeButton->setEnabled(idle && branch && !active && !merged);
    m_mergeButton->setToolTip(merged ? tr("Already merged") : working);
    m_strategy->setEnabled(m_mergeButton->isEnabled());
    m_rebaseButton->setEnabled(idle && worktree && !active && !merged);
    m_rebaseButton->setToolTip(
        working.isEmpty() && has
            ? tr("Replay the attempt's commits on the latest %1").arg(m_attempt->baseBranch)
            : working);
    m_pushButton->setEnabled(idle && branch && !active);
    const bool hasPullRequest = has && m_attempt->pullRequest
                                && !m_attempt->pullRequest->url.isEmpty();
    m_pullRequestButton->setText(
        hasPullRequest ? tr("View Pull Request #%1").arg(m_attempt->pullRequest->number)
                       : tr("Create Pull Request…"));
    m_pullRequestButton->setEnabled(hasPullRequest || (idle && branch && !active && !merged));
    m_openEditorButton->setEnabled(idle && worktree);
    m_openEditorButton->setToolTip(worktree || !has
                                       ? tr("Open the attempt's worktree in your editor")
                                       : tr("The worktree was removed"));

    const QString identity = m_engine.desktopIdentity();
    const bool canApprove = m_pendingApproval && m_pendingApproval->mayRespond(identity)
                            && !m_pendingApproval->responseOf(identity);
    m_approveButton->setVisible(canApprove);
    m_approveButton->setEnabled(idle && canApprove);
    m_approveButton->setDefault(canApprove);
    m_mergeButton->setDefault(!canApprove);

    m_handToAgentButton->setEnabled(idle && has && !active);
    m_handToAgentButton->setToolTip(
        working.isEmpty() ? tr("Ask the agent to resolve the conflicts in these files") : working);
    m_abortButton->setEnabled(idle && has && !active);
    m_sendCommentsButton->setEnabled(idle && has && !active && !comments().isEmpty());
    m_sendCommentsButton->setToolTip(working.isEmpty()
                                         ? tr("Send every comment to the agent as one follow-up, "
                                              "then clear them")
                                         : working);
    m_refreshButton->setEnabled(!m_attemptId.isNull());
}

void DiffView::setBusy(const QString &text)
{
    const bool wasBusy = isBusy();
    m_busyText = text;
    const QString shown = !text.isEmpty() ? text : m_loading ? tr("Loading…") : QString();
    m_busyLabel->setText(shown);
    m_busyLabel->setVisible(!shown.isEmpty());
    m_busyBar->setVisible(!shown.isEmpty());
    updateActions();
    if (wasBusy != isBusy())
        Q_EMIT busyChanged(isBusy());
}

void DiffView::showMessage(MessageKind kind, const QString &text)
{
    m_messageKind = kind;
    m_message->setText(text);
    QStyle::StandardPixmap icon = QStyle::SP_MessageBoxInformation;
    QColor accent = infoColor;
    if (kind == MessageKind::Error) {
        icon = QStyle::SP_MessageBoxCritical;
        accent = removedColor;
    } else if (kind == MessageKind::Success) {
        accent = addedColor;
    }
    const int size = style()->pixelMetric(QStyle::PM_SmallIconSize, nullptr, this);
    m_messageIcon->setPixmap(style()->standardIcon(icon, nullptr, this).pixmap(size, size));
    static_cast<TintedFrame *>(m_messageBar)->setAccent(accent);
    m_messageBar->setAccessibleDescription(text);
    m_messageBar->show();
}

void DiffView::clearMessage()
{
    m_message->clear();
    m_messageBar->hide();
}

void DiffView::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        applyPalette();
}

void DiffView::applyPalette()
{
    if (auto *rule = findChild<QWidget *>(u"diffRule"_s)) {
        QPalette line = rule->palette();
        line.setColor(QPalette::Window,
                      Presentation::mix(palette().color(QPalette::Window),
                                        palette().color(QPalette::WindowText),
                                        0.16));
        rule->setPalette(line);
    }
    for (QLabel *label : {m_branch, m_busyLabel, findChild<QLabel *>(u"diffCommentsHint"_s)}) {
        if (!label)
            continue;
        QPalette muted = label->palette();
        muted.setColor(QPalette::WindowText, mutedText(palette()));
        label->setPalette(muted);
    }
    updateHeader();
}

} // namespace Gui
