// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#include "ui/settingsdialog.h"

#include "core/apikeyservice.h"
#include "core/editorlauncher.h"
#include "core/engine.h"
#include "core/eventbus.h"
#include "core/executorprofile.h"
#include "core/webhookservice.h"
#include "ui/presentation.h"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QHostAddress>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QScrollArea>
#include <QSpinBox>
#include <QStackedWidget>
#include <QStyle>
#include <QTreeWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Gui {
namespace {

constexpr int idRole = Qt::UserRole;
constexpr int listApiKeysLimit = Core::PageRequest::maxLimit;

QColor mutedText(const QPalette &palette)
{
    return Presentation::mix(palette.color(QPalette::WindowText),
                             palette.color(QPalette::Window),
                             0.4);
}

void setTextColor(QWidget *widget, const QColor &color)
{
    QPalette palette = widget->palette();
    palette.setColor(QPalette::WindowText, color);
    widget->setPalette(palette);
}

/// A two-column form on a grid. QFormLayout asks a word-wrapped label in its field column for its
/// height at a narrower width than it then gives it, which leaves gaps under every hint.
class FormGrid
{
public:
    explicit FormGrid(QGridLayout *grid)
        : m_grid(grid)
    {
        m_grid->setColumnStretch(1, 1);
        m_grid->setHorizontalSpacing(12);
    }

    [[nodiscard]] QGridLayout *layout() const { return m_grid; }

    /// A labelled row; the label is field's buddy and lines up with its first line.
    void addRow(const QString &text, QWidget *field)
    {
        auto *label = new QLabel(text);
        label->setBuddy(field);
        const QWidget *target = field->focusProxy() ? field->focusProxy() : field;
        const int height = target->sizeHint().height();
        if (height <= 2 * label->fontMetrics().height() + 8)
            label->setFixedHeight(height);
        else
            label->setContentsMargins(0, 3, 0, 0);
        m_grid->addWidget(label, m_row, 0, Qt::AlignLeft | Qt::AlignTop);
        m_grid->addWidget(field, m_row++, 1);
    }
    void addRow(QLabel *label, QLayout *field)
    {
        m_grid->addWidget(label, m_row, 0, Qt::AlignLeft | Qt::AlignTop);
        m_grid->addLayout(field, m_row++, 1);
    }
    /// A row of the field column only (hints, buttons).
    void addRow(QWidget *field) { m_grid->addWidget(field, m_row++, 1); }
    void addRow(QLayout *field) { m_grid->addLayout(field, m_row++, 1); }

private:
    QGridLayout *m_grid;
    int m_row = 0;
};

/// Word-wrapped, and sized by its height for the width it gets: left to itself, a wrapped
/// label asks for the height of a narrow column, which leaves gaps under it in forms.
void wrap(QLabel *label)
{
    label->setWordWrap(true);
    label->setMinimumHeight(label->fontMetrics().lineSpacing());
}

QIcon themedIcon(const QString &name, QStyle::StandardPixmap fallback, const QStyle *style)
{
    return QIcon::fromTheme(name, style->standardIcon(fallback));
}

QString editorDisplayName(const QString &editor)
{
    static const QHash<QString, QString> names{{u"vscode"_s, u"Visual Studio Code"_s},
                                               {u"cursor"_s, u"Cursor"_s},
                                               {u"idea"_s, u"IntelliJ IDEA"_s},
                                               {u"sublime"_s, u"Sublime Text"_s},
                                               {u"zed"_s, u"Zed"_s},
                                               {u"windsurf"_s, u"Windsurf"_s}};
    return names.value(editor, editor);
}

/// "14:05" today, else the short date: enough to tell keys and webhooks apart in a list.
QString localTime(const QDateTime &at)
{
    const QDateTime local = at.toLocalTime();
    const QLocale locale;
    if (local.date() != QDate::currentDate())
        return locale.toString(local.date(), QLocale::ShortFormat);
    QString format = locale.timeFormat(QLocale::ShortFormat);
    static const QRegularExpression seconds(u"[:.]ss?"_s);
    format.remove(seconds);
    return locale.toString(local.time(), format);
}

QStringList lines(const QString &text)
{
    QStringList out;
    for (const QString &line : text.split(u'\n')) {
        if (!line.trimmed().isEmpty())
            out.append(line.trimmed());
    }
    return out;
}

QString envText(const QMap<QString, QString> &env)
{
    QStringList out;
    for (auto it = env.cbegin(); it != env.cend(); ++it)
        out.append(it.key() + u'=' + it.value());
    return out.join(u'\n');
}

/// "KEY=VALUE" lines; the error names the profile's env field as the core would.
Core::Result<QMap<QString, QString>> parseEnv(const QString &text, const QString &field)
{
    QMap<QString, QString> env;
    const QStringList all = text.split(u'\n');
    for (qsizetype i = 0; i < all.size(); ++i) {
        const QString line = all.at(i).trimmed();
        if (line.isEmpty())
            continue;
        const qsizetype equals = line.indexOf(u'=');
        if (equals <= 0)
            return Core::fail(Core::Error::validation(
                field,
                SettingsDialog::tr("line %1 is not NAME=VALUE: %2").arg(i + 1).arg(line.left(60))));
        env.insert(line.left(equals).trimmed(), line.mid(equals + 1));
    }
    return env;
}

std::optional<Core::ExecutorProfile> builtin(const QString &name)
{
    for (const Core::ExecutorProfile &profile : Core::ProfileRegistry::builtins()) {
        if (profile.name == name)
            return profile;
    }
    return std::nullopt;
}

bool isLoopback(const QString &host)
{
    const QString trimmed = host.trimmed();
    return trimmed.isEmpty() || trimmed == "localhost"_L1 || QHostAddress(trimmed).isLoopback();
}

/// The part of a core field name the form has a place for: "profiles.claude.args" → claude, args.
std::pair<QString, QString> profileField(const QString &field)
{
    const QStringList parts = field.split(u'.');
    if (parts.size() < 2 || parts.first() != "profiles"_L1)
        return {};
    return {parts.at(1), parts.value(2)};
}

} // namespace

SettingsDialog::SettingsDialog(Core::Engine &engine, QWidget *parent)
    : QDialog(parent)
    , m_engine(engine)
{
    setObjectName(u"settingsDialog"_s);
    setWindowTitle(tr("Settings"));
    buildUi();
    loadSettings();
    loadProfiles();
    refreshApiKeys();
    refreshWebhooks();
    connect(&engine, &Core::Engine::desktopIdentityChanged, this, [this](const QString &identity) {
        m_userEmail->setPlaceholderText(identity);
    });
    // Changes made over the API while the dialog is open show up here too.
    connect(&engine.events(), &Core::EventBus::published, this, [this](const Core::Event &event) {
        if (std::holds_alternative<Core::WebhookEvent>(event))
            refreshWebhooks();
    });
    resize(900, 680);
}

SettingsDialog::~SettingsDialog()
{
    // Before the members go: its destruction updates them.
    if (m_webhookDialog) {
        m_webhookDialog->disconnect(this);
        delete m_webhookDialog;
    }
}

void SettingsDialog::buildUi()
{
    m_pageList = new QListWidget(this);
    m_pageList->setObjectName(u"pageList"_s);
    m_pageList->setIconSize(QSize(22, 22));
    m_pageList->setSpacing(2);
    m_pageList->setFixedWidth(168);
    m_pageList->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_pageList->setAccessibleName(tr("Settings pages"));

    m_pages = new QStackedWidget(this);
    m_pages->setObjectName(u"settingsPages"_s);
    connect(m_pageList, &QListWidget::currentRowChanged, m_pages, &QStackedWidget::setCurrentIndex);

    addPage(createGeneralPage(),
            tr("General"),
            themedIcon(u"preferences-system"_s, QStyle::SP_ComputerIcon, style()));
    addPage(createAgentsPage(),
            tr("Agents"),
            themedIcon(u"system-run"_s, QStyle::SP_MediaPlay, style()));
    addPage(createEditorPage(),
            tr("Editor"),
            themedIcon(u"accessories-text-editor"_s, QStyle::SP_FileDialogDetailedView, style()));
    addPage(createGitHubPage(),
            tr("GitHub"),
            themedIcon(u"folder-remote"_s, QStyle::SP_DirLinkIcon, style()));
    addPage(createServerPage(),
            tr("Server"),
            themedIcon(u"network-server"_s, QStyle::SP_DriveNetIcon, style()));
    m_pageList->setCurrentRow(0);

    m_error = new QLabel(this);
    m_error->setObjectName(u"error"_s);
    wrap(m_error);
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    setTextColor(m_error, Presentation::errorText(palette()));
    m_error->hide();

    m_status = new QLabel(this);
    m_status->setObjectName(u"status"_s);
    setTextColor(m_status, mutedText(palette()));

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel
                                         | QDialogButtonBox::Apply,
                                     this);
    m_buttons->setObjectName(u"buttons"_s);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &SettingsDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &SettingsDialog::reject);
    connect(m_buttons->button(QDialogButtonBox::Apply),
            &QPushButton::clicked,
            this,
            &SettingsDialog::apply);

    auto *top = new QHBoxLayout;
    top->setSpacing(14);
    top->addWidget(m_pageList);
    top->addWidget(m_pages, 1);

    auto *bottom = new QHBoxLayout;
    bottom->addWidget(m_status, 1);
    bottom->addWidget(m_buttons);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(14, 14, 14, 12);
    layout->setSpacing(10);
    layout->addLayout(top, 1);
    layout->addWidget(m_error);
    layout->addLayout(bottom);
}

void SettingsDialog::addPage(QWidget *content, const QString &title, const QIcon &icon)
{
    auto *heading = new QLabel(title);
    QFont headingFont = heading->font();
    headingFont.setPointSizeF(headingFont.pointSizeF() * 1.3);
    headingFont.setWeight(QFont::DemiBold);
    heading->setFont(headingFont);

    auto *inner = new QWidget;
    auto *innerLayout = new QVBoxLayout(inner);
    innerLayout->setContentsMargins(0, 0, 6, 0);
    innerLayout->setSpacing(12);
    innerLayout->addWidget(heading);
    innerLayout->addWidget(content, 1);

    // Scrolls rather than grows when the window is small or the fonts are large.
    auto *scroll = new QScrollArea(m_pages);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidgetResizable(true);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    scroll->setWidget(inner);
    m_pages->addWidget(scroll);

    auto *item = new QListWidgetItem(icon, title, m_pageList);
    item->setSizeHint(QSize(0, 34));
}

QWidget *SettingsDialog::withError(QWidget *field, const QString &key, Page page)
{
    auto *container = new QWidget;
    auto *layout = new QVBoxLayout(container);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(3);
    layout->addWidget(field);
    auto *error = new QLabel(container);
    error->setObjectName(u"error_"_s + key);
    wrap(error);
    error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    setTextColor(error, Presentation::errorText(palette()));
    error->hide();
    layout->addWidget(error);
    container->setFocusProxy(field);
    m_errorLabels.insert(key, error);
    m_errorFields.insert(key, field);
    m_errorPages.insert(key, page);
    return container;
}

QLabel *SettingsDialog::hint(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    wrap(label);
    label->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    setTextColor(label, mutedText(palette()));
    return label;
}

QWidget *SettingsDialog::createGeneralPage()
{
    auto *page = new QWidget;

    m_userEmail = new QLineEdit(page);
    m_userEmail->setObjectName(u"userEmail"_s);
    m_userEmail->setPlaceholderText(m_engine.desktopIdentity());
    m_userEmail->setClearButtonEnabled(true);

    m_language = new QComboBox(page);
    m_language->setObjectName(u"language"_s);
    m_language->addItem(tr("System default"), QString());
    // Each language in its own name, so that it can be found whatever the current one is.
    m_language->addItem(u"English"_s, u"en"_s);
    m_language->addItem(u"Português (Brasil)"_s, u"pt_BR"_s);
    m_language->addItem(u"Español"_s, u"es"_s);

    m_theme = new QComboBox(page);
    m_theme->setObjectName(u"theme"_s);
    m_theme->addItem(tr("Follow the system"), u"system"_s);
    m_theme->addItem(tr("Light"), u"light"_s);
    m_theme->addItem(tr("Dark"), u"dark"_s);

    m_maxConcurrent = new QSpinBox(page);
    m_maxConcurrent->setObjectName(u"maxConcurrentAttempts"_s);
    m_maxConcurrent->setRange(1, 64);

    m_retentionHours = new QSpinBox(page);
    m_retentionHours->setObjectName(u"worktreeRetentionHours"_s);
    m_retentionHours->setRange(0, 24 * 365);
    m_retentionHours->setSuffix(tr(" h"));

    auto *identity = new QGroupBox(tr("You"), page);
    FormGrid identityForm(new QGridLayout(identity));
    identityForm.addRow(tr("&E-mail:"), withError(m_userEmail, u"userEmail"_s, Page::General));
    identityForm.addRow(hint(tr("Recorded on approvals you answer and on requests made without "
                                "an API key. Empty: git's user.email, shown above when it is "
                                "set."),
                             identity));

    auto *appearance = new QGroupBox(tr("Appearance"), page);
    FormGrid appearanceForm(new QGridLayout(appearance));
    appearanceForm.addRow(tr("&Language:"), withError(m_language, u"language"_s, Page::General));
    appearanceForm.addRow(tr("&Theme:"), withError(m_theme, u"theme"_s, Page::General));
    appearanceForm.addRow(hint(tr("Language and theme change as soon as you save."), appearance));

    auto *agents = new QGroupBox(tr("Attempts"), page);
    FormGrid agentsForm(new QGridLayout(agents));
    agentsForm.addRow(tr("&Run at most:"),
                      withError(m_maxConcurrent, u"maxConcurrentAttempts"_s, Page::General));
    agentsForm.addRow(hint(tr("Attempts started beyond this many wait for a free slot."), agents));
    agentsForm.addRow(tr("&Keep worktrees for:"),
                      withError(m_retentionHours, u"worktreeRetentionHours"_s, Page::General));
    agentsForm.addRow(hint(tr("How long a finished attempt keeps its worktree on disk."), agents));

    auto *layout = new QVBoxLayout(page);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(12);
    layout->addWidget(identity);
    layout->addWidget(appearance);
    layout->addWidget(agents);
    layout->addStretch(1);
    return page;
}

QWidget *SettingsDialog::createAgentsPage()
{
    auto *page = new QWidget;

    m_profileList = new QListWidget(page);
    m_profileList->setObjectName(u"profiles"_s);
    m_profileList->setFixedWidth(190);
    m_profileList->setSpacing(2);
    m_profileList->setAccessibleName(tr("Agent profiles"));
    connect(m_profileList,
            &QListWidget::currentItemChanged,
            this,
            &SettingsDialog::onProfileSelected);

    m_profileTitle = new QLabel(page);
    m_profileTitle->setObjectName(u"profileTitle"_s);
    QFont titleFont = m_profileTitle->font();
    titleFont.setWeight(QFont::DemiBold);
    m_profileTitle->setFont(titleFont);

    const QFont fixed = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    m_binary = new QLineEdit(page);
    m_binary->setObjectName(u"profileBinary"_s);
    m_binary->setFont(fixed);
    m_args = new QPlainTextEdit(page);
    m_args->setObjectName(u"profileArgs"_s);
    m_args->setFont(fixed);
    m_args->setTabChangesFocus(true);
    m_args->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_args->setMinimumHeight(150);
    m_model = new QLineEdit(page);
    m_model->setObjectName(u"profileModel"_s);
    m_model->setPlaceholderText(tr("The agent's default"));
    m_env = new QPlainTextEdit(page);
    m_env->setObjectName(u"profileEnv"_s);
    m_env->setFont(fixed);
    m_env->setTabChangesFocus(true);
    m_env->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_env->setPlaceholderText(tr("NAME=value, one a line"));
    m_env->setFixedHeight(80);
    for (QLineEdit *edit : {m_binary, m_model})
        connect(edit, &QLineEdit::textChanged, this, &SettingsDialog::rememberProfileEdit);
    for (QPlainTextEdit *edit : {m_args, m_env})
        connect(edit, &QPlainTextEdit::textChanged, this, &SettingsDialog::rememberProfileEdit);

    m_resetProfile = new QPushButton(tr("Restore Defaults"), page);
    m_resetProfile->setObjectName(u"resetProfile"_s);
    m_resetProfile->setToolTip(tr("Forget your changes to this built-in profile"));
    connect(m_resetProfile, &QPushButton::clicked, this, [this] {
        const auto defaults = builtin(m_currentProfile);
        if (!defaults)
            return;
        ProfileEdit edit = editOf(*defaults);
        edit.reset = true;
        m_profileEdits.insert(m_currentProfile, edit);
        onProfileSelected();
    });

    FormGrid form(new QGridLayout);
    form.addRow(tr("&Command:"), withError(m_binary, u"profile.binary"_s, Page::Agents));
    form.addRow(tr("&Arguments:"), withError(m_args, u"profile.args"_s, Page::Agents));
    form.addRow(hint(tr("One argument a line, passed as is: nothing goes through a shell. "
                        "{prompt}, {sessionId} and {model} are replaced inside an argument; a "
                        "line that is just {modelArgs} or {extraArgs} stands for those lists."),
                     page));
    form.addRow(tr("&Model:"), withError(m_model, u"profile.model"_s, Page::Agents));
    form.addRow(tr("&Environment:"), withError(m_env, u"profile.env"_s, Page::Agents));

    auto *buttons = new QHBoxLayout;
    buttons->addStretch(1);
    buttons->addWidget(m_resetProfile);

    auto *details = new QVBoxLayout;
    details->setSpacing(10);
    details->addWidget(m_profileTitle);
    details->addLayout(form.layout());
    details->addLayout(buttons);
    details->addStretch(1);

    auto *layout = new QHBoxLayout(page);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(14);
    layout->addWidget(m_profileList);
    layout->addLayout(details, 1);
    return page;
}

QWidget *SettingsDialog::createEditorPage()
{
    auto *page = new QWidget;

    m_editor = new QComboBox(page);
    m_editor->setObjectName(u"editor"_s);
    for (const QString &name : Core::EditorLauncher::editorNames()) {
        m_editor->addItem(name == "custom"_L1 ? tr("Custom command") : editorDisplayName(name),
                          name);
    }
    m_editorCommand = new QLineEdit(page);
    m_editorCommand->setObjectName(u"editorCommand"_s);
    m_editorCommand->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_editorCommand->setPlaceholderText(u"nvim-qt \"{path}\""_s);
    connect(m_editor, &QComboBox::currentIndexChanged, this, &SettingsDialog::updateEditorState);

    auto *group = new QGroupBox(tr("Open in Editor"), page);
    FormGrid form(new QGridLayout(group));
    form.addRow(tr("&Editor:"), withError(m_editor, u"editor"_s, Page::Editor));
    form.addRow(tr("C&ustom command:"),
                withError(m_editorCommand, u"editorCommand"_s, Page::Editor));
    form.addRow(hint(tr("A known editor is looked up on PATH. A custom command is split like a "
                        "shell would (double quotes only) but never run by one; {path} becomes "
                        "the worktree, which is added at the end when no argument has it."),
                     group));

    auto *layout = new QVBoxLayout(page);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(group);
    layout->addStretch(1);
    return page;
}

QWidget *SettingsDialog::createGitHubPage()
{
    auto *page = new QWidget;

    m_githubToken = new QLineEdit(page);
    m_githubToken->setObjectName(u"githubToken"_s);
    m_githubToken->setEchoMode(QLineEdit::Password);
    m_githubToken->setClearButtonEnabled(true);
    m_tokenState = new QLabel(page);
    m_tokenState->setObjectName(u"tokenState"_s);
    m_removeToken = new QPushButton(tr("Remove Token"), page);
    m_removeToken->setObjectName(u"removeToken"_s);
    connect(m_removeToken, &QPushButton::clicked, this, [this] {
        m_clearToken = true;
        m_githubToken->clear();
        updateTokenState();
    });
    connect(m_githubToken, &QLineEdit::textChanged, this, [this] {
        if (!m_githubToken->text().isEmpty())
            m_clearToken = false;
        updateTokenState();
    });

    m_githubApiUrl = new QLineEdit(page);
    m_githubApiUrl->setObjectName(u"githubApiUrl"_s);
    m_githubApiUrl->setPlaceholderText(u"https://api.github.com"_s);
    m_prPollSeconds = new QSpinBox(page);
    m_prPollSeconds->setObjectName(u"prPollSeconds"_s);
    m_prPollSeconds->setRange(5, 86400);
    m_prPollSeconds->setSuffix(tr(" s"));

    auto *tokenRow = new QHBoxLayout;
    tokenRow->setContentsMargins(0, 0, 0, 0);
    tokenRow->addWidget(m_tokenState, 1);
    tokenRow->addWidget(m_removeToken);

    auto *group = new QGroupBox(tr("Pull Requests"), page);
    FormGrid form(new QGridLayout(group));
    form.addRow(tr("&Token:"), withError(m_githubToken, u"githubToken"_s, Page::GitHub));
    form.addRow(tokenRow);
    form.addRow(tr("&API URL:"), withError(m_githubApiUrl, u"githubApiUrl"_s, Page::GitHub));
    form.addRow(hint(tr("GitHub Enterprise: https://<host>/api/v3."), group));
    form.addRow(tr("&Check every:"), withError(m_prPollSeconds, u"prPollSeconds"_s, Page::GitHub));
    form.addRow(hint(tr("How often open pull requests are checked for reviews and merges."), group));

    auto *layout = new QVBoxLayout(page);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(group);
    layout->addStretch(1);
    return page;
}

QWidget *SettingsDialog::createServerPage()
{
    auto *page = new QWidget;

    // Listening
    m_serverPort = new QSpinBox(page);
    m_serverPort->setObjectName(u"serverPort"_s);
    m_serverPort->setRange(0, 65535);
    m_serverPort->setSpecialValueText(tr("Any free port"));
    m_serverHost = new QLineEdit(page);
    m_serverHost->setObjectName(u"serverHost"_s);
    m_serverHost->setPlaceholderText(u"127.0.0.1"_s);
    connect(m_serverHost, &QLineEdit::textChanged, this, &SettingsDialog::updateAddressWarning);
    m_rateLimit = new QSpinBox(page);
    m_rateLimit->setObjectName(u"rateLimitPerMinute"_s);
    m_rateLimit->setRange(0, Core::Settings::maxRateLimitPerMinute);
    m_rateLimit->setSpecialValueText(tr("No limit"));
    m_rateLimit->setSuffix(tr(" per minute"));

    m_addressWarning = new QWidget(page);
    m_addressWarning->setObjectName(u"addressWarning"_s);
    auto *warningIcon = new QLabel(m_addressWarning);
    warningIcon->setPixmap(style()->standardIcon(QStyle::SP_MessageBoxWarning).pixmap(16, 16));
    warningIcon->setAlignment(Qt::AlignTop);
    auto *warningText
        = new QLabel(tr("Other machines can reach this address. Forgedesk listens there only "
                        "once an API key exists, and then every request must carry one."),
                     m_addressWarning);
    wrap(warningText);
    auto *warningLayout = new QHBoxLayout(m_addressWarning);
    warningLayout->setContentsMargins(0, 0, 0, 0);
    warningLayout->addWidget(warningIcon);
    warningLayout->addWidget(warningText, 1);

    auto *listening = new QGroupBox(tr("Listening"), page);
    FormGrid listeningForm(new QGridLayout(listening));
    auto *address = new QHBoxLayout;
    address->addWidget(withError(m_serverHost, u"serverHost"_s, Page::Server), 1);
    auto *portLabel = new QLabel(tr("&Port:"), listening);
    portLabel->setBuddy(m_serverPort);
    address->addSpacing(10);
    address->addWidget(portLabel);
    address->addSpacing(4);
    address->addWidget(withError(m_serverPort, u"serverPort"_s, Page::Server));
    auto *addressLabel = new QLabel(tr("&Address:"), listening);
    addressLabel->setBuddy(m_serverHost);
    addressLabel->setFixedHeight(m_serverHost->sizeHint().height());
    listeningForm.addRow(addressLabel, address);
    listeningForm.addRow(m_addressWarning);
    listeningForm.addRow(tr("&Rate limit:"),
                         withError(m_rateLimit, u"rateLimitPerMinute"_s, Page::Server));
    listeningForm.addRow(hint(tr("Address and port apply the next time Forgedesk starts; "
                                 "--host and --port override them."),
                              listening));

    // API keys
    m_apiKeys = new QTreeWidget(page);
    m_apiKeys->setObjectName(u"apiKeys"_s);
    m_apiKeys->setRootIsDecorated(false);
    m_apiKeys->setUniformRowHeights(true);
    // A tree's own size hint (192 px) would make the page scroll; it takes what is left.
    m_apiKeys->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Ignored);
    m_apiKeys->setAlternatingRowColors(true);
    m_apiKeys->setHeaderLabels(
        {tr("Name"), tr("Acts as"), tr("Created"), tr("Last used"), tr("Status")});
    m_apiKeys->header()->setStretchLastSection(false);
    m_apiKeys->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_apiKeys->header()->setSectionResizeMode(1, QHeaderView::Stretch);
    m_apiKeys->setMinimumHeight(100);
    m_apiKeys->setAccessibleName(tr("API keys"));
    connect(m_apiKeys, &QTreeWidget::itemSelectionChanged, this, &SettingsDialog::updateListButtons);

    m_keyName = new QLineEdit(page);
    m_keyName->setObjectName(u"apiKeyName"_s);
    m_keyName->setPlaceholderText(tr("Name, e.g. CI"));
    m_keyName->setAccessibleName(tr("New key's name"));
    m_keyEmail = new QLineEdit(page);
    m_keyEmail->setObjectName(u"apiKeyEmail"_s);
    m_keyEmail->setPlaceholderText(tr("E-mail it acts as (optional)"));
    m_keyEmail->setAccessibleName(tr("New key's e-mail"));
    m_createKey = new QPushButton(tr("Create Key"), page);
    m_createKey->setObjectName(u"createApiKey"_s);
    connect(m_createKey, &QPushButton::clicked, this, &SettingsDialog::createApiKey);
    connect(m_keyName, &QLineEdit::returnPressed, this, &SettingsDialog::createApiKey);
    m_revokeKey = new QPushButton(tr("Revoke…"), page);
    m_revokeKey->setObjectName(u"revokeApiKey"_s);
    connect(m_revokeKey, &QPushButton::clicked, this, &SettingsDialog::confirmRevokeApiKey);

    m_secretPanel = new QFrame(page);
    m_secretPanel->setObjectName(u"secretPanel"_s);
    static_cast<QFrame *>(m_secretPanel)->setFrameShape(QFrame::StyledPanel);
    m_secretPanel->setAutoFillBackground(true);
    {
        QPalette tinted = m_secretPanel->palette();
        tinted.setColor(QPalette::Window,
                        Presentation::accentFill(QColor(0xd9, 0x8a, 0x00), palette()));
        m_secretPanel->setPalette(tinted);
    }
    auto *secretIcon = new QLabel(m_secretPanel);
    secretIcon->setPixmap(style()->standardIcon(QStyle::SP_MessageBoxWarning).pixmap(22, 22));
    secretIcon->setAlignment(Qt::AlignTop);
    auto *secretWarning = new QLabel(tr("<b>Copy the new key now: it is shown only this once.</b> "
                                        "Forgedesk keeps only a hash of it. Clients send it as "
                                        "<code>Authorization: Bearer &lt;key&gt;</code>."),
                                     m_secretPanel);
    wrap(secretWarning);
    m_secret = new QLineEdit(m_secretPanel);
    m_secret->setObjectName(u"apiKeySecret"_s);
    m_secret->setReadOnly(true);
    m_secret->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_secret->setAccessibleName(tr("The new key"));
    auto *copy = new QPushButton(tr("Copy"), m_secretPanel);
    copy->setObjectName(u"copySecret"_s);
    connect(copy, &QPushButton::clicked, this, [this] {
        QApplication::clipboard()->setText(m_secret->text());
        m_status->setText(tr("The key is on the clipboard."));
    });
    auto *done = new QPushButton(tr("Done"), m_secretPanel);
    done->setObjectName(u"hideSecret"_s);
    connect(done, &QPushButton::clicked, this, &SettingsDialog::hideSecret);
    auto *secretRow = new QHBoxLayout;
    secretRow->addWidget(m_secret, 1);
    secretRow->addWidget(copy);
    secretRow->addWidget(done);
    auto *secretText = new QVBoxLayout;
    secretText->addWidget(secretWarning);
    secretText->addLayout(secretRow);
    auto *secretLayout = new QHBoxLayout(m_secretPanel);
    secretLayout->setContentsMargins(10, 8, 10, 8);
    secretLayout->addWidget(secretIcon);
    secretLayout->addLayout(secretText, 1);
    m_secretPanel->hide();

    auto *keys = new QGroupBox(tr("API Keys"), page);
    auto *newKey = new QHBoxLayout;
    newKey->addWidget(withError(m_keyName, u"apiKey.name"_s, Page::Server), 2);
    newKey->addWidget(withError(m_keyEmail, u"apiKey.email"_s, Page::Server), 3);
    newKey->addWidget(m_createKey, 0, Qt::AlignTop);
    newKey->addWidget(m_revokeKey, 0, Qt::AlignTop);
    auto *keysLayout = new QVBoxLayout(keys);
    keysLayout->addWidget(m_apiKeys, 1);
    keysLayout->addLayout(newKey);
    keysLayout->addWidget(m_secretPanel);

    // Webhooks
    m_webhooks = new QTreeWidget(page);
    m_webhooks->setObjectName(u"webhooks"_s);
    m_webhooks->setRootIsDecorated(false);
    m_webhooks->setUniformRowHeights(true);
    // A tree's own size hint (192 px) would make the page scroll; it takes what is left.
    m_webhooks->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Ignored);
    m_webhooks->setAlternatingRowColors(true);
    m_webhooks->setHeaderLabels({tr("URL"), tr("Events"), tr("Signed"), tr("Created")});
    m_webhooks->header()->setStretchLastSection(false);
    m_webhooks->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_webhooks->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_webhooks->setMinimumHeight(80);
    m_webhooks->setAccessibleName(tr("Webhooks"));
    connect(m_webhooks,
            &QTreeWidget::itemSelectionChanged,
            this,
            &SettingsDialog::updateListButtons);
    m_addWebhook = new QPushButton(tr("Add Webhook…"), page);
    m_addWebhook->setObjectName(u"addWebhook"_s);
    connect(m_addWebhook, &QPushButton::clicked, this, &SettingsDialog::openWebhookDialog);
    m_deleteWebhook = new QPushButton(tr("Delete…"), page);
    m_deleteWebhook->setObjectName(u"deleteWebhook"_s);
    connect(m_deleteWebhook, &QPushButton::clicked, this, &SettingsDialog::confirmDeleteWebhook);

    auto *webhooks = new QGroupBox(tr("Webhooks"), page);
    auto *webhookButtons = new QHBoxLayout;
    webhookButtons
        ->addWidget(hint(tr("Events are POSTed as JSON, retried until the receiver answers 2xx."),
                         webhooks),
                    1);
    webhookButtons->addWidget(m_addWebhook);
    webhookButtons->addWidget(m_deleteWebhook);
    auto *webhooksLayout = new QVBoxLayout(webhooks);
    webhooksLayout->addWidget(m_webhooks, 1);
    webhooksLayout->addLayout(webhookButtons);

    auto *layout = new QVBoxLayout(page);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(12);
    layout->addWidget(listening);
    layout->addWidget(keys, 3);
    layout->addWidget(webhooks, 2);
    updateListButtons();
    return page;
}

void SettingsDialog::showPage(Page page)
{
    m_pageList->setCurrentRow(int(page));
}

SettingsDialog::Page SettingsDialog::currentPage() const
{
    return Page(m_pageList->currentRow());
}

// Settings ------------------------------------------------------------------------------------

void SettingsDialog::loadSettings()
{
    const Core::Settings &s = m_engine.settings();
    m_userEmail->setText(s.userEmail);
    m_userEmail->setPlaceholderText(m_engine.desktopIdentity());
    m_language->setCurrentIndex(std::max(0, m_language->findData(s.language)));
    m_theme->setCurrentIndex(std::max(0, m_theme->findData(s.theme)));
    m_maxConcurrent->setValue(s.maxConcurrentAttempts);
    m_retentionHours->setValue(s.worktreeRetentionHours);
    if (m_editor->findData(s.editor) < 0)
        m_editor->addItem(s.editor, s.editor); // set elsewhere (the API) to a name we do not list
    m_editor->setCurrentIndex(m_editor->findData(s.editor));
    m_editorCommand->setText(s.editorCommand);
    m_clearToken = false;
    m_githubToken->clear();
    m_githubApiUrl->setText(s.githubApiUrl);
    m_prPollSeconds->setValue(s.prPollSeconds);
    m_serverPort->setValue(s.serverPort);
    m_serverHost->setText(s.serverHost);
    m_rateLimit->setValue(s.rateLimitPerMinute);
    updateTokenState();
    updateEditorState();
    updateAddressWarning();
}

void SettingsDialog::updateTokenState()
{
    const bool stored = !m_engine.settings().githubToken.isEmpty();
    QString state;
    if (!m_githubToken->text().isEmpty())
        state = stored ? tr("The new token replaces the one set when you save.")
                       : tr("The token is stored when you save.");
    else if (m_clearToken)
        state = tr("The token is removed when you save.");
    else if (stored)
        state = tr("A token is set. Type a new one to replace it.");
    else
        state = tr("No token is set: the GITHUB_TOKEN environment variable is used, if any.");
    m_tokenState->setText(state);
    m_githubToken->setPlaceholderText(stored && !m_clearToken ? tr("•••••••• (set)")
                                                              : tr("Not set"));
    m_removeToken->setEnabled(stored && !m_clearToken);
}

void SettingsDialog::updateEditorState()
{
    m_editorCommand->setEnabled(m_editor->currentData().toString() == "custom"_L1);
}

void SettingsDialog::updateAddressWarning()
{
    m_addressWarning->setVisible(!isLoopback(m_serverHost->text()));
}

QJsonObject SettingsDialog::settingsChanges() const
{
    const Core::Settings &s = m_engine.settings();
    QJsonObject changes;
    const auto text = [&changes](const QString &key, const QString &now, const QString &was) {
        if (now != was)
            changes.insert(key, now);
    };
    const auto number = [&changes](const QString &key, int now, int was) {
        if (now != was)
            changes.insert(key, now);
    };
    text(u"userEmail"_s, m_userEmail->text().trimmed(), s.userEmail);
    text(u"language"_s, m_language->currentData().toString(), s.language);
    text(u"theme"_s, m_theme->currentData().toString(), s.theme);
    number(u"maxConcurrentAttempts"_s, m_maxConcurrent->value(), s.maxConcurrentAttempts);
    number(u"worktreeRetentionHours"_s, m_retentionHours->value(), s.worktreeRetentionHours);
    text(u"editor"_s, m_editor->currentData().toString(), s.editor);
    text(u"editorCommand"_s, m_editorCommand->text().trimmed(), s.editorCommand);
    if (!m_githubToken->text().trimmed().isEmpty())
        changes.insert(u"githubToken"_s, m_githubToken->text().trimmed());
    else if (m_clearToken && !s.githubToken.isEmpty())
        changes.insert(u"githubToken"_s, QString());
    text(u"githubApiUrl"_s, m_githubApiUrl->text().trimmed(), s.githubApiUrl);
    number(u"prPollSeconds"_s, m_prPollSeconds->value(), s.prPollSeconds);
    number(u"serverPort"_s, m_serverPort->value(), s.serverPort);
    text(u"serverHost"_s, m_serverHost->text().trimmed(), s.serverHost);
    number(u"rateLimitPerMinute"_s, m_rateLimit->value(), s.rateLimitPerMinute);
    return changes;
}

// Profiles ------------------------------------------------------------------------------------

SettingsDialog::ProfileEdit SettingsDialog::editOf(const Core::ExecutorProfile &profile) const
{
    return {profile.binary,
            profile.args.join(u'\n'),
            profile.model.value_or(QString()),
            envText(profile.env)};
}

void SettingsDialog::loadProfiles(const QString &select)
{
    const Core::ProfileRegistry &registry = m_engine.profiles();
    const QJsonObject user = registry.userProfiles();
    const QSignalBlocker blocker(m_profileList);
    m_profileList->clear();
    for (const Core::ExecutorProfile &profile : registry.profiles()) {
        QString text = profile.displayName.isEmpty() ? profile.name : profile.displayName;
        if (!profile.builtin)
            text = tr("%1 (yours)").arg(text);
        else if (user.contains(profile.name))
            text = tr("%1 (changed)").arg(text);
        auto *item = new QListWidgetItem(text, m_profileList);
        item->setData(idRole, profile.name);
        item->setToolTip(profile.name);
    }
    int row = 0;
    for (int i = 0; i < m_profileList->count(); ++i) {
        if (m_profileList->item(i)->data(idRole).toString() == select)
            row = i;
    }
    m_profileList->setCurrentRow(row);
    onProfileSelected();
}

void SettingsDialog::selectProfile(const QString &name)
{
    for (int i = 0; i < m_profileList->count(); ++i) {
        if (m_profileList->item(i)->data(idRole).toString() == name)
            m_profileList->setCurrentRow(i);
    }
}

void SettingsDialog::onProfileSelected()
{
    const QListWidgetItem *item = m_profileList->currentItem();
    m_currentProfile = item ? item->data(idRole).toString() : QString();
    const auto profile = m_engine.profiles().find(m_currentProfile);
    for (const QString &key :
         {u"profile.binary"_s, u"profile.args"_s, u"profile.model"_s, u"profile.env"_s})
        m_errorLabels.value(key)->hide();
    const ProfileEdit edit = m_profileEdits.contains(m_currentProfile)
                                 ? m_profileEdits.value(m_currentProfile)
                             : profile ? editOf(*profile)
                                       : ProfileEdit{};
    m_loadingProfile = true;
    m_binary->setText(edit.binary);
    m_args->setPlainText(edit.args);
    m_model->setText(edit.model);
    m_env->setPlainText(edit.env);
    m_loadingProfile = false;
    for (QWidget *field : {static_cast<QWidget *>(m_binary),
                           static_cast<QWidget *>(m_args),
                           static_cast<QWidget *>(m_model),
                           static_cast<QWidget *>(m_env)})
        field->setEnabled(profile.has_value());
    m_profileTitle->setText(profile ? u"%1 — %2"_s.arg(profile->displayName, profile->name)
                                    : QString());
    if (profile && !profile->npxPackage.isEmpty())
        m_binary->setToolTip(
            tr("When it is not installed, %1 is run with npx.").arg(profile->npxPackage));
    else
        m_binary->setToolTip(QString());
    updateProfileButtons();
}

void SettingsDialog::rememberProfileEdit()
{
    if (m_loadingProfile || m_currentProfile.isEmpty())
        return;
    ProfileEdit edit{m_binary->text(), m_args->toPlainText(), m_model->text(), m_env->toPlainText()};
    edit.reset = m_profileEdits.value(m_currentProfile).reset;
    m_profileEdits.insert(m_currentProfile, edit);
    updateProfileButtons();
}

void SettingsDialog::updateProfileButtons()
{
    const bool changed = m_engine.profiles().userProfiles().contains(m_currentProfile)
                         || m_profileEdits.contains(m_currentProfile);
    m_resetProfile->setVisible(builtin(m_currentProfile).has_value());
    m_resetProfile->setEnabled(changed && !m_profileEdits.value(m_currentProfile).reset);
}

Core::Result<std::optional<QJsonObject>> SettingsDialog::profileChanges() const
{
    const QJsonObject original = m_engine.profiles().userProfiles();
    QJsonObject user = original;
    for (auto it = m_profileEdits.cbegin(); it != m_profileEdits.cend(); ++it) {
        const QString &name = it.key();
        const ProfileEdit &edit = it.value();
        const auto defaults = builtin(name);
        const auto current = m_engine.profiles().find(name);
        if (!current)
            continue;
        const QString prefix = u"profiles."_s + name + u'.';
        // Compared with what the fields started from: the profile as it is, or its defaults.
        const Core::ExecutorProfile base = edit.reset && defaults ? *defaults : *current;
        QJsonObject overrides = edit.reset ? QJsonObject() : user.value(name).toObject();

        const QString binary = edit.binary.trimmed();
        if (binary != base.binary)
            overrides.insert(u"binary"_s, binary);
        const QStringList args = lines(edit.args);
        if (args != base.args)
            overrides.insert(u"args"_s, QJsonArray::fromStringList(args));
        const QString model = edit.model.trimmed();
        if (model != base.model.value_or(QString()))
            overrides.insert(u"model"_s, model.isEmpty() ? QJsonValue() : QJsonValue(model));
        auto env = parseEnv(edit.env, prefix + u"env"_s);
        if (!env)
            return Core::fail(env.error());
        if (*env != base.env) {
            // The core merges env into the built-in's: say what goes as well as what stays.
            QJsonObject object;
            if (defaults) {
                for (auto var = defaults->env.cbegin(); var != defaults->env.cend(); ++var) {
                    if (!env->contains(var.key()))
                        object.insert(var.key(), QJsonValue());
                }
            }
            for (auto var = env->cbegin(); var != env->cend(); ++var)
                object.insert(var.key(), var.value());
            overrides.insert(u"env"_s, object);
        }
        if (overrides.isEmpty() && defaults)
            user.remove(name);
        else
            user.insert(name, overrides);
    }
    if (user == original)
        return std::optional<QJsonObject>();
    return std::optional<QJsonObject>(user);
}

// Saving --------------------------------------------------------------------------------------

void SettingsDialog::apply()
{
    save(false);
}

void SettingsDialog::accept()
{
    save(true);
}

void SettingsDialog::reject()
{
    hideSecret();
    QDialog::reject();
}

void SettingsDialog::save(bool close)
{
    if (m_saving)
        return;
    clearErrors();
    m_status->clear();
    const auto profiles = profileChanges();
    if (!profiles) {
        showError(profiles.error());
        return;
    }
    const QJsonObject changes = settingsChanges();
    if (changes.isEmpty() && !*profiles) {
        if (close)
            QDialog::accept();
        return;
    }
    setSaving(true);
    if (changes.isEmpty()) {
        saveProfiles(**profiles, close);
        return;
    }
    m_engine.updateSettings(changes).then(this,
                                          [this, pending = *profiles, close](
                                              const Core::Result<Core::Settings> &saved) {
                                              if (!saved) {
                                                  setSaving(false);
                                                  showError(saved.error());
                                                  return;
                                              }
                                              loadSettings();
                                              if (pending)
                                                  saveProfiles(*pending, close);
                                              else
                                                  finishSave(close);
                                          });
}

void SettingsDialog::saveProfiles(const QJsonObject &profiles, bool close)
{
    m_engine.replaceProfiles(profiles)
        .then(this, [this, close](const Core::Result<Core::ProfileRegistry> &replaced) {
            if (!replaced) {
                setSaving(false);
                showError(replaced.error());
                return;
            }
            m_profileEdits.clear();
            loadProfiles(m_currentProfile);
            finishSave(close);
        });
}

void SettingsDialog::finishSave(bool close)
{
    setSaving(false);
    m_status->setText(tr("Saved."));
    Q_EMIT saved();
    if (close && isVisible())
        QDialog::accept();
}

void SettingsDialog::setSaving(bool saving)
{
    m_saving = saving;
    m_pages->setEnabled(!saving);
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(!saving);
    m_buttons->button(QDialogButtonBox::Apply)->setEnabled(!saving);
    if (saving)
        m_status->setText(tr("Saving…"));
}

void SettingsDialog::clearErrors()
{
    m_error->hide();
    m_error->clear();
    for (QLabel *label : std::as_const(m_errorLabels)) {
        label->hide();
        label->clear();
    }
}

QString SettingsDialog::fieldError(const QString &field) const
{
    const QLabel *label = m_errorLabels.value(field);
    return label && !label->isHidden() ? label->text() : QString();
}

QString SettingsDialog::errorText() const
{
    return m_error->isHidden() ? QString() : m_error->text();
}

void SettingsDialog::showError(const Core::Error &error)
{
    const QString field = error.field();
    const QString reason = error.details.value(u"reason"_s).toString();
    if (const auto [profile, part] = profileField(field); !profile.isEmpty()) {
        if (profile != m_currentProfile)
            selectProfile(profile);
        if (m_errorLabels.contains(u"profile."_s + part)) {
            showFieldError(u"profile."_s + part, reason.isEmpty() ? error.message : reason);
            return;
        }
        showPage(Page::Agents);
    } else if (m_errorLabels.contains(field)) {
        showFieldError(field, reason.isEmpty() ? error.message : reason);
        return;
    }
    m_error->setText(error.message);
    m_error->show();
}

void SettingsDialog::showFieldError(const QString &key, const QString &message)
{
    QLabel *label = m_errorLabels.value(key);
    if (!label)
        return;
    // The core's reasons start in lower case, to follow a field name.
    QString text = message;
    if (!text.isEmpty())
        text[0] = text.at(0).toUpper();
    label->setText(text);
    label->show();
    if (!key.startsWith("webhook."_L1)) {
        showPage(m_errorPages.value(key));
        if (QWidget *field = m_errorFields.value(key))
            field->setFocus();
    }
}

// API keys ------------------------------------------------------------------------------------

void SettingsDialog::refreshApiKeys()
{
    loadApiKeys(1, ++m_apiKeyGeneration, {});
}

void SettingsDialog::loadApiKeys(int page, quint64 generation, QList<Core::ApiKey> keys)
{
    m_engine.apiKeys()
        .list({page, listApiKeysLimit})
        .then(this,
              [this, page, generation, keys = std::move(keys)](
                  const Core::Result<Core::Page<Core::ApiKey>> &listed) mutable {
                  if (generation != m_apiKeyGeneration)
                      return;
                  if (!listed) {
                      m_error->setText(
                          tr("Could not list the API keys: %1").arg(listed.error().message));
                      m_error->show();
                      return;
                  }
                  keys += listed->items;
                  if (listed->hasNext()) {
                      loadApiKeys(page + 1, generation, std::move(keys));
                      return;
                  }
                  const QString selected = m_apiKeys->currentItem()
                                               ? m_apiKeys->currentItem()->data(0, idRole).toString()
                                               : QString();
                  m_apiKeys->clear();
                  const QColor muted = mutedText(palette());
                  for (const Core::ApiKey &key : std::as_const(keys)) {
                      auto *item = new QTreeWidgetItem(m_apiKeys,
                                                       {key.name,
                                                        key.identity,
                                                        localTime(key.createdAt),
                                                        key.lastUsedAt.isValid()
                                                            ? localTime(key.lastUsedAt)
                                                            : tr("Never"),
                                                        key.isRevoked() ? tr("Revoked")
                                                                        : tr("Active")});
                      item->setData(0, idRole, key.id.toString());
                      item->setToolTip(0, tr("Starts with %1…").arg(key.prefix));
                      if (key.isRevoked()) {
                          item->setToolTip(4, tr("Revoked %1").arg(localTime(key.revokedAt)));
                          for (int column = 0; column < item->columnCount(); ++column)
                              item->setForeground(column, muted);
                      }
                      if (item->data(0, idRole).toString() == selected)
                          m_apiKeys->setCurrentItem(item);
                  }
                  updateListButtons();
              });
}

void SettingsDialog::createApiKey()
{
    clearErrors();
    const QString email = m_keyEmail->text().trimmed();
    m_createKey->setEnabled(false);
    m_engine.apiKeys()
        .create(m_keyName->text(), email.isEmpty() ? std::nullopt : std::optional<QString>(email))
        .then(this, [this](const Core::Result<Core::NewApiKey> &created) {
            m_createKey->setEnabled(true);
            if (!created) {
                const QString field = created.error().field();
                if (field == "name"_L1 || field == "email"_L1)
                    showFieldError(u"apiKey."_s + field,
                                   created.error().details.value(u"reason"_s).toString());
                else
                    showError(created.error());
                return;
            }
            m_keyName->clear();
            m_keyEmail->clear();
            showSecret(created->secret);
            refreshApiKeys();
        });
}

void SettingsDialog::showSecret(const QString &secret)
{
    m_secret->setText(secret);
    m_secretPanel->show();
    m_secret->setFocus();
    m_secret->selectAll();
}

void SettingsDialog::hideSecret()
{
    m_secret->clear();
    m_secretPanel->hide();
}

void SettingsDialog::confirmRevokeApiKey()
{
    const QTreeWidgetItem *item = m_apiKeys->currentItem();
    if (!item)
        return;
    const Core::ApiKeyId id(item->data(0, idRole).toString());
    auto *box = new QMessageBox(QMessageBox::Warning,
                                tr("Revoke API Key"),
                                tr("Revoke the key “%1”?").arg(item->text(0)),
                                QMessageBox::Cancel,
                                this);
    box->setObjectName(u"confirmRevoke"_s);
    box->setInformativeText(tr("Clients that use it are refused from now on. This cannot be "
                               "undone."));
    QPushButton *revoke = box->addButton(tr("Revoke"), QMessageBox::DestructiveRole);
    revoke->setObjectName(u"confirm"_s);
    box->setDefaultButton(QMessageBox::Cancel);
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::buttonClicked, this, [this, revoke, id](QAbstractButton *button) {
        if (button == revoke)
            revokeApiKey(id);
    });
    box->open();
}

void SettingsDialog::revokeApiKey(const Core::ApiKeyId &id)
{
    m_engine.apiKeys().revoke(id).then(this, [this](const Core::Result<Core::ApiKey> &revoked) {
        if (!revoked)
            showError(revoked.error());
        else
            m_status->setText(tr("Revoked “%1”.").arg(revoked->name));
        refreshApiKeys();
    });
}

// Webhooks ------------------------------------------------------------------------------------

void SettingsDialog::refreshWebhooks()
{
    m_engine.webhooks().list().then(this, [this](const Core::Result<QList<Core::Webhook>> &all) {
        if (!all) {
            m_error->setText(tr("Could not list the webhooks: %1").arg(all.error().message));
            m_error->show();
            return;
        }
        const QString selected = m_webhooks->currentItem()
                                     ? m_webhooks->currentItem()->data(0, idRole).toString()
                                     : QString();
        m_webhooks->clear();
        for (const Core::Webhook &webhook : *all) {
            const QString events = webhook.events.contains(u"*"_s) ? tr("All events")
                                                                   : webhook.events.join(u", "_s);
            auto *item = new QTreeWidgetItem(m_webhooks,
                                             {webhook.url,
                                              events,
                                              webhook.secret.isEmpty() ? tr("No") : tr("Yes"),
                                              localTime(webhook.createdAt)});
            item->setData(0, idRole, webhook.id.toString());
            item->setToolTip(0, webhook.url);
            item->setToolTip(1, webhook.events.join(u'\n'));
            if (webhook.id.toString() == selected)
                m_webhooks->setCurrentItem(item);
        }
        updateListButtons();
    });
}

void SettingsDialog::openWebhookDialog()
{
    if (m_webhookDialog) {
        m_webhookDialog->raise();
        return;
    }
    auto *dialog = new QDialog(this);
    dialog->setObjectName(u"webhookDialog"_s);
    dialog->setWindowTitle(tr("Add Webhook"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    m_webhookDialog = dialog;

    auto *url = new QLineEdit(dialog);
    url->setObjectName(u"webhookUrl"_s);
    url->setPlaceholderText(u"https://example.com/hooks/forgedesk"_s);
    auto *secret = new QLineEdit(dialog);
    secret->setObjectName(u"webhookSecret"_s);
    secret->setEchoMode(QLineEdit::Password);
    secret->setPlaceholderText(tr("Optional"));

    auto *events = new QWidget(dialog);
    auto *grid = new QGridLayout(events);
    grid->setContentsMargins(0, 0, 0, 0);
    grid->setHorizontalSpacing(18);
    auto *all = new QCheckBox(tr("All events, including future ones"), events);
    all->setObjectName(u"webhookEvent_*"_s);
    grid->addWidget(all, 0, 0, 1, 3);
    QList<QCheckBox *> boxes;
    const QStringList names = Core::Webhook::eventNames();
    const int rows = int((names.size() + 2) / 3);
    for (int i = 0; i < names.size(); ++i) {
        auto *box = new QCheckBox(names.at(i), events);
        box->setObjectName(u"webhookEvent_"_s + names.at(i));
        grid->addWidget(box, 1 + i % rows, i / rows);
        boxes.append(box);
    }
    connect(all, &QCheckBox::toggled, dialog, [boxes](bool checked) {
        for (QCheckBox *box : boxes)
            box->setEnabled(!checked);
    });

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, dialog);
    QPushButton *add = buttons->addButton(tr("Add Webhook"), QDialogButtonBox::AcceptRole);
    add->setObjectName(u"webhookAdd"_s);
    add->setDefault(true);
    connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::reject);
    connect(buttons, &QDialogButtonBox::accepted, this, &SettingsDialog::addWebhook);

    FormGrid form(new QGridLayout);
    form.addRow(tr("&URL:"), withError(url, u"webhook.url"_s, Page::Server));
    form.addRow(tr("&Events:"), withError(events, u"webhook.events"_s, Page::Server));
    form.addRow(tr("&Secret:"), withError(secret, u"webhook.secret"_s, Page::Server));
    form.addRow(hint(tr("With a secret, each delivery is signed: X-Forge-Signature carries "
                        "the HMAC-SHA256 of the body."),
                     dialog));
    auto *layout = new QVBoxLayout(dialog);
    layout->setContentsMargins(18, 18, 18, 14);
    layout->setSpacing(12);
    layout->addLayout(form.layout());
    layout->addWidget(buttons);

    connect(dialog, &QObject::destroyed, this, [this] {
        for (const QString &key : {u"webhook.url"_s, u"webhook.events"_s, u"webhook.secret"_s}) {
            m_errorLabels.remove(key);
            m_errorFields.remove(key);
            m_errorPages.remove(key);
        }
    });
    dialog->open();
    url->setFocus();
}

void SettingsDialog::addWebhook()
{
    QDialog *dialog = m_webhookDialog;
    if (!dialog)
        return;
    auto *add = dialog->findChild<QPushButton *>(u"webhookAdd"_s);
    if (!add->isEnabled())
        return;
    for (const QString &key : {u"webhook.url"_s, u"webhook.events"_s, u"webhook.secret"_s})
        m_errorLabels.value(key)->hide();
    QStringList events;
    for (const QCheckBox *box : dialog->findChildren<QCheckBox *>()) {
        if (box->isChecked() && box->isEnabled())
            events.append(box->objectName().mid(int(qstrlen("webhookEvent_"))));
    }
    if (events.contains(u"*"_s))
        events = {u"*"_s};
    add->setEnabled(false);
    m_engine.webhooks()
        .create(dialog->findChild<QLineEdit *>(u"webhookUrl"_s)->text().trimmed(),
                events,
                dialog->findChild<QLineEdit *>(u"webhookSecret"_s)->text())
        .then(this,
              [this, target = QPointer<QDialog>(dialog)](const Core::Result<Core::Webhook> &added) {
                  if (!target) {
                      if (!added)
                          showError(added.error());
                      return;
                  }
                  target->findChild<QPushButton *>(u"webhookAdd"_s)->setEnabled(true);
                  if (!added) {
                      const QString key = u"webhook."_s + added.error().field();
                      if (m_errorLabels.contains(key))
                          showFieldError(key, added.error().details.value(u"reason"_s).toString());
                      else
                          showError(added.error());
                      return;
                  }
                  m_status->setText(tr("Added a webhook for %1.").arg(added->url));
                  target->accept();
              });
}

void SettingsDialog::confirmDeleteWebhook()
{
    const QTreeWidgetItem *item = m_webhooks->currentItem();
    if (!item)
        return;
    const Core::WebhookId id(item->data(0, idRole).toString());
    auto *box = new QMessageBox(QMessageBox::Question,
                                tr("Delete Webhook"),
                                tr("Stop sending events to %1?").arg(item->text(0)),
                                QMessageBox::Cancel,
                                this);
    box->setObjectName(u"confirmDelete"_s);
    box->setInformativeText(tr("Deliveries still waiting are dropped with it."));
    QPushButton *remove = box->addButton(tr("Delete"), QMessageBox::DestructiveRole);
    remove->setObjectName(u"confirm"_s);
    box->setDefaultButton(QMessageBox::Cancel);
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::buttonClicked, this, [this, remove, id](QAbstractButton *button) {
        if (button != remove)
            return;
        m_engine.webhooks().remove(id).then(this, [this](const Core::Result<Core::Webhook> &gone) {
            if (!gone)
                showError(gone.error());
        });
    });
    box->open();
}

void SettingsDialog::updateListButtons()
{
    const QTreeWidgetItem *key = m_apiKeys->currentItem();
    m_revokeKey->setEnabled(key && key->isSelected() && key->text(4) != tr("Revoked"));
    const QTreeWidgetItem *webhook = m_webhooks->currentItem();
    m_deleteWebhook->setEnabled(webhook && webhook->isSelected());
}

} // namespace Gui
