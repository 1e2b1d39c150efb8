// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The Forgedesk authors
#pragma once

#include "core/apikey.h"
#include "core/error.h"
#include "core/settings.h"
#include "core/webhook.h"

#include <QDialog>
#include <QHash>
#include <QJsonObject>
#include <QPointer>

#include <optional>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;
class QStackedWidget;
class QTreeWidget;

namespace Core {
class Engine;
struct ExecutorProfile;
} // namespace Core

namespace Gui {

/// The preferences: a list of pages on the left, the page on the right. Settings and agent
/// profiles are kept in the form until OK or Apply, which save what changed through the engine
/// (settings.json, profiles.json) and keep the dialog open, the core's message beside the
/// field, when a value is refused. API keys and webhooks are objects rather than settings: their
/// buttons act at once. engine must outlive the dialog.
class SettingsDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SettingsDialog)

public:
    enum class Page { General, Agents, Editor, GitHub, Server };
    Q_ENUM(Page)

    explicit SettingsDialog(Core::Engine &engine, QWidget *parent = nullptr);
    ~SettingsDialog() override;

    void showPage(Page page);
    [[nodiscard]] Page currentPage() const;
    /// Shows the profile on the Agents page (its unsaved edits, if any).
    void selectProfile(const QString &name);

    /// The message beside field, or empty. Fields are named as the core names them for settings
    /// ("userEmail"), and "profile.binary", "profile.args", "profile.model", "profile.env",
    /// "apiKey.name", "apiKey.email", "webhook.url", "webhook.events", "webhook.secret".
    [[nodiscard]] QString fieldError(const QString &field) const;
    /// A failure that belongs to no field, or empty.
    [[nodiscard]] QString errorText() const;
    [[nodiscard]] bool isSaving() const { return m_saving; }

    /// The settings that differ from the engine's, as PATCH /api/settings takes them.
    [[nodiscard]] QJsonObject settingsChanges() const;
    /// The user's profile overrides with the edits merged in; nullopt without edits. A line the
    /// form cannot read (an environment line without "=") is an error naming the field.
    [[nodiscard]] Core::Result<std::optional<QJsonObject>> profileChanges() const;

    /// Saves what changed and stays open.
    void apply();
    /// Saves what changed and closes once it is stored.
    void accept() override;
    void reject() override;

Q_SIGNALS:
    /// Everything that had changed is stored.
    void saved();

private:
    struct ProfileEdit
    {
        QString binary;
        QString args;       ///< One argument a line.
        QString model;      ///< Empty: the CLI's default.
        QString env;        ///< KEY=VALUE lines.
        bool reset = false; ///< Drop the user's overrides (a built-in's defaults come back).
    };

    void buildUi();
    [[nodiscard]] QWidget *createGeneralPage();
    [[nodiscard]] QWidget *createAgentsPage();
    [[nodiscard]] QWidget *createEditorPage();
    [[nodiscard]] QWidget *createGitHubPage();
    [[nodiscard]] QWidget *createServerPage();
    void addPage(QWidget *page, const QString &title, const QIcon &icon);
    /// field above a hidden error label registered as key (see fieldError()).
    [[nodiscard]] QWidget *withError(QWidget *field, const QString &key, Page page);
    [[nodiscard]] QLabel *hint(const QString &text, QWidget *parent);

    void loadSettings();
    void updateTokenState();
    void updateEditorState();
    void updateAddressWarning();

    void loadProfiles(const QString &select = {});
    void onProfileSelected();
    void rememberProfileEdit();
    void updateProfileButtons();
    [[nodiscard]] ProfileEdit editOf(const Core::ExecutorProfile &profile) const;

    void save(bool close);
    void saveProfiles(const QJsonObject &profiles, bool close);
    void finishSave(bool close);
    void setSaving(bool saving);
    void clearErrors();
    /// Beside its field when the error names one the form has, else in the general error line.
    void showError(const Core::Error &error);
    void showFieldError(const QString &key, const QString &message);

    void refreshApiKeys();
    void loadApiKeys(int page, quint64 generation, QList<Core::ApiKey> keys);
    void createApiKey();
    void confirmRevokeApiKey();
    void revokeApiKey(const Core::ApiKeyId &id);
    void showSecret(const QString &secret);
    void hideSecret();

    void refreshWebhooks();
    void openWebhookDialog();
    void addWebhook();
    void confirmDeleteWebhook();
    void updateListButtons();

    Core::Engine &m_engine;
    bool m_saving = false;
    bool m_loadingProfile = false;
    bool m_clearToken = false;
    QString m_currentProfile;
    QHash<QString, ProfileEdit> m_profileEdits;
    QHash<QString, QLabel *> m_errorLabels;
    QHash<QString, QWidget *> m_errorFields;
    QHash<QString, Page> m_errorPages;
    quint64 m_apiKeyGeneration = 0; ///< Only the latest listing may land.

    QListWidget *m_pageList = nullptr;
    QStackedWidget *m_pages = nullptr;
    QLabel *m_error = nullptr;
    QLabel *m_status = nullptr;
    QDialogButtonBox *m_buttons = nullptr;

    // General
    QLineEdit *m_userEmail = nullptr;
    QComboBox *m_language = nullptr;
    QComboBox *m_theme = nullptr;
    QSpinBox *m_maxConcurrent = nullptr;
    QSpinBox *m_retentionHours = nullptr;
    // Agents
    QListWidget *m_profileList = nullptr;
    QLineEdit *m_binary = nullptr;
    QPlainTextEdit *m_args = nullptr;
    QLineEdit *m_model = nullptr;
    QPlainTextEdit *m_env = nullptr;
    QLabel *m_profileTitle = nullptr;
    QPushButton *m_resetProfile = nullptr;
    // Editor
    QComboBox *m_editor = nullptr;
    QLineEdit *m_editorCommand = nullptr;
    // GitHub
    QLineEdit *m_githubToken = nullptr;
    QLabel *m_tokenState = nullptr;
    QPushButton *m_removeToken = nullptr;
    QLineEdit *m_githubApiUrl = nullptr;
    QSpinBox *m_prPollSeconds = nullptr;
    // Server
    QSpinBox *m_serverPort = nullptr;
    QLineEdit *m_serverHost = nullptr;
    QWidget *m_addressWarning = nullptr;
    QSpinBox *m_rateLimit = nullptr;
    QTreeWidget *m_apiKeys = nullptr;
    QLineEdit *m_keyName = nullptr;
    QLineEdit *m_keyEmail = nullptr;
    QPushButton *m_createKey = nullptr;
    QPushButton *m_revokeKey = nullptr;
    QWidget *m_secretPanel = nullptr;
    QLineEdit *m_secret = nullptr;
    QTreeWidget *m_webhooks = nullptr;
    QPushButton *m_addWebhook = nullptr;
    QPushButton *m_deleteWebhook = nullptr;
    QPointer<QDialog> m_webhookDialog;
};

} // namespace Gui
