// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#include "ui/logview.h"

#include "ui/logdelegate.h"
#include "ui/logmodel.h"
#include "ui/presentation.h"

#include <QApplication>
#include <QClipboard>
#include <QContextMenuEvent>
#include <QMenu>
#include <QPainter>
#include <QScrollBar>
#include <QStyle>
#include <QTextDocument>
#include <QTimer>
#include <QToolButton>
#include <QToolTip>

#include <limits>

using namespace Qt::StringLiterals;

namespace Gui {
namespace {

/// While following a busy agent, the tail is re-pinned at most this often.
constexpr int followIntervalMs = 16;
/// How close to the bottom counts as "at the bottom".
constexpr int bottomSlack = 2;
constexpr int jumpMargin = 14;

/// A downward arrow in color, for "Jump to latest" (the styles' arrows are not made to sit on
/// an accent).
QIcon arrowDown(const QColor &color, qreal devicePixelRatio)
{
    const int size = 16;
    QPixmap pixmap(QSize(size, size) * devicePixelRatio);
    pixmap.setDevicePixelRatio(devicePixelRatio);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(QPen(color, 1.8, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
    painter.drawLine(QPointF(8, 3), QPointF(8, 12.5));
    painter.drawPolyline(QList<QPointF>{{3.5, 8.5}, {8, 13}, {12.5, 8.5}});
    return QIcon(pixmap);
}

} // namespace

/// Prefix sums of the row heights (a Fenwick tree): the top of a row and the row at a height in
/// O(log n), a height changed in O(log n), a row appended in O(log n).
class LogView::HeightTree
{
public:
    void build(const std::vector<int> &heights)
    {
        m_tree.assign(heights.size() + 1, 0);
        for (size_t i = 1; i <= heights.size(); ++i) {
            m_tree[i] += heights[i - 1];
            const size_t parent = i + (i & (~i + 1));
            if (parent <= heights.size())
                m_tree[parent] += m_tree[i];
        }
    }
    void append(int height)
    {
        const size_t i = m_tree.size();
        qint64 node = height;
        // The new node covers (i - lowbit(i), i]: its own height and the nodes below it.
        for (size_t step = 1; step < (i & (~i + 1)); step <<= 1)
            node += m_tree[i - step];
        m_tree.push_back(node);
    }
    void add(int row, qint64 delta)
    {
        for (size_t i = size_t(row) + 1; i < m_tree.size(); i += i & (~i + 1))
            m_tree[i] += delta;
    }
    /// The sum of the heights of the rows before row.
    [[nodiscard]] qint64 prefix(int row) const
    {
        qint64 sum = 0;
        for (size_t i = size_t(row); i > 0; i -= i & (~i + 1))
            sum += m_tree[i];
        return sum;
    }
    [[nodiscard]] qint64 total() const { return prefix(count()); }
    [[nodiscard]] int count() const { return int(m_tree.size()) - 1; }
    /// The row that contains height y (the last row if y is past the end).
    [[nodiscard]] int rowAt(qint64 y) const
    {
        const size_t n = m_tree.size() - 1;
        size_t position = 0;
        size_t step = 1;
        while (step * 2 <= n)
            step *= 2;
        for (; step > 0; step /= 2) {
            if (position + step <= n && m_tree[position + step] <= y) {
                position += step;
                y -= m_tree[position];
            }
        }
        return int(std::min(position, n > 0 ? n - 1 : 0));
    }

private:
    std::vector<qint64> m_tree{0}; ///< 1-based.
};

LogView::LogView(LogModel *model, QWidget *parent)
    : QAbstractScrollArea(parent)
    , m_model(model)
    , m_delegate(std::make_unique<LogDelegate>())
    , m_tree(std::make_unique<HeightTree>())
{
    Q_ASSERT(model);
    setObjectName(u"logView"_s);
    setAccessibleName(tr("Attempt log"));
    setFrameShape(QFrame::NoFrame);
    setFocusPolicy(Qt::StrongFocus);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setVerticalScrollBarPolicy(Qt::ScrollBarAsNeeded);
    viewport()->setBackgroundRole(QPalette::Base);
    viewport()->setAutoFillBackground(true);
    viewport()->setMouseTracking(true);

    m_jump = new QToolButton(viewport());
    m_jump->setObjectName(u"jumpToLatest"_s);
    m_jump->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_jump->setCursor(Qt::PointingHandCursor);
    m_jump->setFocusPolicy(Qt::NoFocus);
    m_jump->setToolTip(tr("Scroll to the newest entry and follow the log (End)"));
    m_jump->hide();
    connect(m_jump, &QToolButton::clicked, this, &LogView::scrollToLatest);

    connect(m_model,
            &QAbstractItemModel::rowsInserted,
            this,
            [this](const QModelIndex &, int first, int last) { onRowsInserted(first, last); });
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, &LogView::rebuild);
    connect(m_model, &QAbstractItemModel::modelReset, this, [this] {
        m_expanded.clear();
        m_delegate->clear();
        setFollowing(true);
        rebuild();
    });
    connect(m_model, &QAbstractItemModel::layoutChanged, this, &LogView::rebuild);
    connect(m_model,
            &QAbstractItemModel::dataChanged,
            this,
            [this](const QModelIndex &topLeft,
                   const QModelIndex &bottomRight,
                   const QList<int> &roles) {
                // A new summary is drawn on the next paint; only bodies change heights.
                if (roles == QList<int>{Qt::DisplayRole})
                    viewport()->update();
                else
                    onDataChanged(topLeft.row(), bottomRight.row());
            });
    connect(m_model, &LogModel::replayFinished, viewport(), qOverload<>(&QWidget::update));

    applyStyle();
    m_delegate->setWidth(viewport()->width());
    rebuild();
}

LogView::~LogView() = default;

QSize LogView::sizeHint() const
{
    return {720, 480};
}

// -- Layout -----------------------------------------------------------------------------------

qint64 LogView::contentHeight() const
{
    return m_tree->total();
}

qint64 LogView::scrollTop() const
{
    return m_heights.empty() ? 0 : m_tree->prefix(m_topRow) + m_topOffset;
}

qint64 LogView::maxScrollTop() const
{
    return std::max<qint64>(0, contentHeight() - viewport()->height());
}

void LogView::setScrollTop(qint64 y)
{
    y = std::clamp<qint64>(y, 0, maxScrollTop());
    if (m_heights.empty()) {
        m_topRow = 0;
        m_topOffset = 0;
        return;
    }
    m_topRow = m_tree->rowAt(y);
    m_topOffset = int(y - m_tree->prefix(m_topRow));
}

void LogView::rebuild()
{
    const int rows = m_model->rowCount();
    m_heights.resize(size_t(rows));
    m_measured.assign(size_t(rows), 0);
    for (int row = 0; row < rows; ++row)
        m_heights[size_t(row)] = m_delegate->estimateHeight(m_model->info(row), isExpanded(row));
    m_tree->build(m_heights);
    m_topRow = std::clamp(m_topRow, 0, std::max(0, rows - 1));
    m_topOffset = 0;
    m_hoveredRow = -1;
    m_pressedRow = -1;
    relayout();
}

void LogView::reestimate()
{
    for (size_t row = 0; row < m_heights.size(); ++row) {
        m_heights[row] = m_delegate->estimateHeight(m_model->info(int(row)), isExpanded(int(row)));
        m_measured[row] = 0;
    }
    m_tree->build(m_heights);
}

void LogView::onRowsInserted(int first, int last)
{
    const int count = last - first + 1;
    if (size_t(first) == m_heights.size()) {
        for (int row = first; row <= last; ++row) {
            const int height = m_delegate->estimateHeight(m_model->info(row), false);
            m_heights.push_back(height);
            m_measured.push_back(0);
            m_tree->append(height);
        }
    } else {
        // A late line of an earlier process: rare, so the tree is simply rebuilt.
        std::vector<int> added;
        for (int row = first; row <= last; ++row)
            added.push_back(m_delegate->estimateHeight(m_model->info(row), false));
        m_heights.insert(m_heights.begin() + first, added.begin(), added.end());
        m_measured.insert(m_measured.begin() + first, size_t(count), 0);
        m_tree->build(m_heights);
        if (first <= m_topRow && m_heights.size() > size_t(count))
            m_topRow += count;
    }
    if (!m_following) {
        m_unseen += count;
        updateJumpButton();
        syncScrollBar();
        return;
    }
    // Following a busy agent: pin the tail once per frame, not once per batch.
    if (!m_relayoutPending) {
        m_relayoutPending = true;
        QTimer::singleShot(followIntervalMs, this, [this] {
            if (m_relayoutPending)
                relayout();
        });
    }
}

void LogView::onDataChanged(int first, int last)
{
    if (first < 0 || size_t(last) >= m_measured.size())
        return;
    for (int row = first; row <= last; ++row)
        m_measured[size_t(row)] = 0;
    const int bottom = rowAt(QPoint(0, viewport()->height() - 1));
    if (last >= m_topRow && (bottom < 0 || first <= bottom))
        scheduleRelayout();
}

void LogView::scheduleRelayout()
{
    if (m_relayoutPending)
        return;
    m_relayoutPending = true;
    QTimer::singleShot(0, this, [this] {
        if (m_relayoutPending)
            relayout();
    });
}

int LogView::measure(int row)
{
    if (m_measured[size_t(row)])
        return m_heights[size_t(row)];
    LogDelegate::Item item;
    item.info = &m_model->info(row);
    item.expanded = isExpanded(row);
    if (item.info->has(LogRowInfo::HasText))
        item.detail = m_model->detail(row);
    bool exact = false;
    const int height = m_delegate->height(item, &exact);
    setHeight(row, height);
    if (exact)
        m_measured[size_t(row)] = 1;
    return height;
}

void LogView::setHeight(int row, int height)
{
    const int old = m_heights[size_t(row)];
    if (old == height)
        return;
    m_heights[size_t(row)] = height;
    m_tree->add(row, height - old);
    if (row == m_topRow)
        m_topOffset = std::min(m_topOffset, std::max(0, height - 1));
}

void LogView::pinToBottom()
{
    const int viewportHeight = viewport()->height();
    qint64 covered = 0;
    for (int row = int(m_heights.size()) - 1; row >= 0; --row) {
        covered += measure(row);
        if (covered >= viewportHeight) {
            m_topRow = row;
            m_topOffset = int(covered - viewportHeight);
            return;
        }
    }
    m_topRow = 0;
    m_topOffset = 0;
}

void LogView::relayout()
{
    m_relayoutPending = false;
    if (!isVisible()) {
        // Hidden (another tab, say): nothing to measure for; showEvent() catches up.
        m_hiddenChanges = true;
        return;
    }
    m_hiddenChanges = false;
    if (m_heights.empty()) {
        m_topRow = 0;
        m_topOffset = 0;
    } else if (m_following) {
        pinToBottom();
    } else {
        m_topRow = std::clamp(m_topRow, 0, int(m_heights.size()) - 1);
        m_topOffset = std::clamp(m_topOffset, 0, std::max(0, measure(m_topRow) - 1));
        const int viewportHeight = viewport()->height();
        int y = -m_topOffset;
        for (int row = m_topRow; row < int(m_heights.size()) && y < viewportHeight; ++row)
            y += measure(row);
        if (scrollTop() > maxScrollTop())
            setScrollTop(maxScrollTop());
    }
    syncScrollBar();
    viewport()->update();
}

void LogView::syncScrollBar()
{
    const bool wasSyncing = std::exchange(m_syncing, true);
    QScrollBar *bar = verticalScrollBar();
    const int viewportHeight = viewport()->height();
    bar->setRange(0, int(std::min<qint64>(maxScrollTop(), std::numeric_limits<int>::max())));
    bar->setPageStep(viewportHeight);
    bar->setSingleStep(std::max(20, fontMetrics().lineSpacing() * 3));
    bar->setValue(int(std::min<qint64>(scrollTop(), std::numeric_limits<int>::max())));
    m_syncing = wasSyncing;
}

void LogView::scrollContentsBy(int, int)
{
    if (m_syncing)
        return;
    QScrollBar *bar = verticalScrollBar();
    setScrollTop(bar->value());
    setFollowing(bar->value() >= bar->maximum() - bottomSlack);
    relayout();
}

void LogView::setFollowing(bool following)
{
    if (following)
        m_unseen = 0;
    if (m_following == following) {
        updateJumpButton();
        return;
    }
    m_following = following;
    updateJumpButton();
    Q_EMIT followingTailChanged(following);
}

void LogView::scrollToLatest()
{
    setFollowing(true);
    relayout();
}

void LogView::scrollToRow(int row)
{
    if (row < 0 || size_t(row) >= m_heights.size())
        return;
    setScrollTop(m_tree->prefix(row));
    setFollowing(scrollTop() >= maxScrollTop());
    relayout();
}

// -- Rows -------------------------------------------------------------------------------------

bool LogView::isExpanded(int row) const
{
    return row >= 0 && row < m_model->rowCount() && m_expanded.contains(m_model->info(row).key());
}

void LogView::setExpanded(int row, bool expanded)
{
    if (row < 0 || size_t(row) >= m_heights.size() || isExpanded(row) == expanded)
        return;
    if (!LogDelegate::isExpandable(m_model->info(row)))
        return;
    const quint64 key = m_model->info(row).key();
    if (expanded)
        m_expanded.insert(key);
    else
        m_expanded.remove(key);
    m_measured[size_t(row)] = 0;
    // The header stays where it was (unless the tail is followed): nothing above it changes.
    measure(row);
    relayout();
}

void LogView::toggle(int row)
{
    setExpanded(row, !isExpanded(row));
}

int LogView::rowAt(const QPoint &pos) const
{
    if (m_heights.empty() || pos.y() < 0)
        return -1;
    const qint64 y = scrollTop() + pos.y();
    if (y >= contentHeight())
        return -1;
    return m_tree->rowAt(y);
}

QRect LogView::visualRect(int row) const
{
    if (row < 0 || size_t(row) >= m_heights.size())
        return {};
    const qint64 y = m_tree->prefix(row) - scrollTop();
    return QRect(0, int(y), viewport()->width(), m_heights[size_t(row)]);
}

int LogView::rowHeight(int row) const
{
    return row >= 0 && size_t(row) < m_heights.size() ? m_heights[size_t(row)] : 0;
}

const QTextDocument *LogView::renderedDocument(int row) const
{
    if (row < 0 || row >= m_model->rowCount())
        return nullptr;
    LogDelegate::Item item;
    item.info = &m_model->info(row);
    item.detail = m_model->detail(row);
    item.expanded = isExpanded(row);
    return m_delegate->document(item);
}

QString LogView::copyText(int row) const
{
    QStringList parts{m_model->summary(row)};
    if (const LogEntryDetail *detail = m_model->detail(row)) {
        if (!detail->command.isEmpty())
            parts = QStringList{u"$ "_s + detail->command};
        if (!detail->text.isEmpty())
            parts = QStringList{detail->text};
        if (!detail->lines.isEmpty())
            parts.append(detail->lines.join(u'\n'));
    }
    return parts.join(u'\n');
}

// -- Painting ---------------------------------------------------------------------------------

void LogView::paintEvent(QPaintEvent *event)
{
    QPainter painter(viewport());
    const QRect exposed = event->rect();
    painter.setClipRect(exposed);
    const int width = viewport()->width();
    const int height = viewport()->height();
    if (m_heights.empty()) {
        const QString text = m_model->attemptId().isNull() ? tr("No attempt selected")
                             : m_model->isReplaying()      ? tr("Loading the log…")
                                                           : tr("No output yet");
        painter.setPen(Presentation::mix(palette().color(QPalette::Text),
                                         palette().color(QPalette::Base),
                                         0.5));
        painter.drawText(viewport()->rect(), Qt::AlignCenter, text);
        return;
    }
    bool changed = false;
    int y = -m_topOffset;
    for (int row = m_topRow; row < int(m_heights.size()) && y < height; ++row) {
        const int before = m_heights[size_t(row)];
        const int rowHeight = measure(row);
        changed = changed || rowHeight != before;
        const QRect rect(0, y, width, rowHeight);
        if (rect.intersects(exposed)) {
            LogDelegate::Item item;
            item.info = &m_model->info(row);
            item.summary = m_model->summary(row);
            item.label = m_model->label(row);
            item.expanded = isExpanded(row);
            item.hovered = row == m_hoveredRow;
            if (item.info->has(LogRowInfo::HasText)
                || (item.expanded && item.info->has(LogRowInfo::HasLines)))
                item.detail = m_model->detail(row);
            painter.save();
            painter.setClipRect(rect.intersected(exposed));
            m_delegate->paint(&painter, rect, item);
            painter.restore();
        }
        y += rowHeight;
    }
    // A row shown for the first time had only an estimate: settle the scroll bar (and the
    // tail) outside of painting.
    if (changed)
        scheduleRelayout();
}

void LogView::showEvent(QShowEvent *event)
{
    QAbstractScrollArea::showEvent(event);
    if (m_hiddenChanges)
        relayout();
}

void LogView::resizeEvent(QResizeEvent *event)
{
    QAbstractScrollArea::resizeEvent(event);
    if (m_delegate->setWidth(viewport()->width()))
        reestimate();
    updateJumpButton();
    relayout();
}

// -- Interaction ------------------------------------------------------------------------------

void LogView::mousePressEvent(QMouseEvent *event)
{
    m_pressedRow = -1;
    if (event->button() == Qt::LeftButton) {
        const int row = rowAt(event->position().toPoint());
        if (row >= 0) {
            LogDelegate::Item item;
            item.info = &m_model->info(row);
            if (m_delegate->toggleRect(item, visualRect(row)).contains(event->position().toPoint())) {
                m_pressedRow = row;
            }
        }
        // The log is one surface: presses anywhere on it are its own.
        event->accept();
        return;
    }
    QAbstractScrollArea::mousePressEvent(event);
}

void LogView::mouseReleaseEvent(QMouseEvent *event)
{
    const int pressed = std::exchange(m_pressedRow, -1);
    if (event->button() == Qt::LeftButton && pressed >= 0
        && rowAt(event->position().toPoint()) == pressed) {
        toggle(pressed);
    }
    if (event->button() == Qt::LeftButton) {
        event->accept();
        return;
    }
    QAbstractScrollArea::mouseReleaseEvent(event);
}

void LogView::mouseMoveEvent(QMouseEvent *event)
{
    const QPoint pos = event->position().toPoint();
    const int row = rowAt(pos);
    bool overToggle = false;
    if (row >= 0) {
        LogDelegate::Item item;
        item.info = &m_model->info(row);
        overToggle = m_delegate->toggleRect(item, visualRect(row)).contains(pos);
    }
    const int hovered = overToggle ? row : -1;
    if (hovered != m_hoveredRow) {
        if (m_hoveredRow >= 0)
            viewport()->update(visualRect(m_hoveredRow));
        m_hoveredRow = hovered;
        if (hovered >= 0)
            viewport()->update(visualRect(hovered));
    }
    viewport()->setCursor(overToggle ? Qt::PointingHandCursor : Qt::ArrowCursor);
    QAbstractScrollArea::mouseMoveEvent(event);
}

void LogView::leaveEvent(QEvent *event)
{
    if (m_hoveredRow >= 0) {
        viewport()->update(visualRect(m_hoveredRow));
        m_hoveredRow = -1;
    }
    QAbstractScrollArea::leaveEvent(event);
}

void LogView::keyPressEvent(QKeyEvent *event)
{
    switch (event->key()) {
    case Qt::Key_End: scrollToLatest(); return;
    case Qt::Key_Home: verticalScrollBar()->setValue(0); return;
    default: QAbstractScrollArea::keyPressEvent(event);
    }
}

void LogView::contextMenuEvent(QContextMenuEvent *event)
{
    const int row = rowAt(event->pos());
    auto *menu = new QMenu(this);
    menu->setAttribute(Qt::WA_DeleteOnClose);
    if (row >= 0) {
        const quint64 key = m_model->info(row).key();
        menu->addAction(tr("&Copy"), this, [this, key] {
            if (const int at = m_model->rowOfKey(key); at >= 0)
                QApplication::clipboard()->setText(copyText(at));
        });
        if (LogDelegate::isExpandable(m_model->info(row))) {
            menu->addAction(isExpanded(row) ? tr("C&ollapse") : tr("&Expand"), this, [this, key] {
                if (const int at = m_model->rowOfKey(key); at >= 0)
                    toggle(at);
            });
        }
    }
    if (!m_following) {
        menu->addSeparator();
        menu->addAction(tr("&Jump to Latest"), this, &LogView::scrollToLatest);
    }
    if (menu->isEmpty()) {
        delete menu;
        return;
    }
    menu->popup(event->globalPos());
}

bool LogView::viewportEvent(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        const auto *help = static_cast<QHelpEvent *>(event);
        const int row = rowAt(help->pos());
        const QString tip = row >= 0 ? m_model->index(row).data(Qt::ToolTipRole).toString()
                                     : QString();
        if (tip.isEmpty())
            QToolTip::hideText();
        else
            QToolTip::showText(help->globalPos(), tip, viewport(), visualRect(row));
        return true;
    }
    return QAbstractScrollArea::viewportEvent(event);
}

void LogView::changeEvent(QEvent *event)
{
    QAbstractScrollArea::changeEvent(event);
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::FontChange
        || event->type() == QEvent::StyleChange) {
        applyStyle();
        reestimate();
        relayout();
    }
}

void LogView::applyStyle()
{
    m_delegate->setStyle(font(), palette());
    const QPalette &colors = palette();
    const QColor fill = colors.color(QPalette::Highlight);
    m_jump->setStyleSheet(
        u"QToolButton { background: %1; color: %2; border: none; border-radius: 14px;"
        " padding: 5px 14px 5px 10px; font-weight: 600; }"
        " QToolButton:hover { background: %3; }"_s.arg(fill.name(),
                                                       colors.color(QPalette::HighlightedText).name(),
                                                       fill.lighter(112).name()));
    m_jump->setIcon(arrowDown(colors.color(QPalette::HighlightedText), devicePixelRatioF()));
    updateJumpButton();
}

void LogView::updateJumpButton()
{
    if (m_following) {
        m_jump->hide();
        return;
    }
    m_jump->setText(m_unseen > 0 ? tr("Jump to latest (%n new)", nullptr, m_unseen)
                                 : tr("Jump to latest"));
    m_jump->adjustSize();
    m_jump->setMinimumHeight(28);
    const QSize size = m_jump->sizeHint().expandedTo(QSize(0, 28));
    m_jump->setGeometry((viewport()->width() - size.width()) / 2,
                        viewport()->height() - size.height() - jumpMargin,
                        size.width(),
                        size.height());
    m_jump->show();
    m_jump->raise();
}

} // namespace Gui
