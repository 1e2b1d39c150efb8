<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="pt_BR">
<context>
    <name>Gui::ApprovalInbox</name>
    <message>
        <source>Merge</source>
        <translation>Mesclagem</translation>
    </message>
    <message>
        <source>Deploy</source>
        <translation>Implantação</translation>
    </message>
    <message>
        <source>Request</source>
        <translation>Solicitação</translation>
    </message>
    <message>
        <source>Tool call</source>
        <translation>Chamada de ferramenta</translation>
    </message>
    <message>
        <source>expiring now</source>
        <translation>expirando agora</translation>
    </message>
    <message>
        <source>expires in %1:%2</source>
        <translation>expira em %1:%2</translation>
    </message>
    <message>
        <source>expires in %1 h %2 min</source>
        <translation>expira em %1 h %2 min</translation>
    </message>
    <message>
        <source>expires in a day</source>
        <translation>expira em um dia</translation>
    </message>
    <message>
        <source>expires in %1 days</source>
        <translation>expira em %1 dias</translation>
    </message>
    <message>
        <source>1 file</source>
        <translation>1 arquivo</translation>
    </message>
    <message>
        <source>%1 files</source>
        <translation>%1 arquivos</translation>
    </message>
    <message>
        <source>%1, +%2 −%3</source>
        <translation>%1, +%2 −%3</translation>
    </message>
    <message>
        <source>Pending approvals</source>
        <translation>Aprovações pendentes</translation>
    </message>
    <message>
        <source>Nothing waits for your approval.</source>
        <translation>Nada aguarda sua aprovação.</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Detalhes</translation>
    </message>
    <message>
        <source>Comment (optional)</source>
        <translation>Comentário (opcional)</translation>
    </message>
    <message>
        <source>&amp;Approve</source>
        <translation>&amp;Aprovar</translation>
    </message>
    <message>
        <source>&amp;Reject</source>
        <translation>&amp;Rejeitar</translation>
    </message>
    <message>
        <source>Choose an approval to see what it asks.</source>
        <translation>Escolha uma aprovação para ver o que ela pede.</translation>
    </message>
    <message>
        <source>Asked by %1</source>
        <translation>Solicitado por %1</translation>
    </message>
    <message>
        <source>the agent</source>
        <translation>o agente</translation>
    </message>
    <message>
        <source>%1 · task “%2”</source>
        <translation>%1 · tarefa “%2”</translation>
    </message>
    <message>
        <source>Tool: %1</source>
        <translation>Ferramenta: %1</translation>
    </message>
    <message>
        <source>Approvers: %1</source>
        <translation>Aprovadores: %1</translation>
    </message>
    <message>
        <source>Does not expire</source>
        <translation>Não expira</translation>
    </message>
</context>
<context>
    <name>Gui::BoardColumn</name>
    <message>
        <source>No tasks</source>
        <translation>Nenhuma tarefa</translation>
    </message>
    <message numerus="yes">
        <source>%n task(s)</source>
        <translation>
            <numerusform>%n tarefa</numerusform>
            <numerusform>%n tarefas</numerusform>
        </translation>
    </message>
    <message>
        <source>No matching tasks</source>
        <translation>Nenhuma tarefa corresponde</translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n task(s) shown</source>
        <translation>
            <numerusform>Exibindo %1 de %n tarefa</numerusform>
            <numerusform>Exibindo %1 de %n tarefas</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Gui::BoardFilterBar</name>
    <message>
        <source>Search tasks</source>
        <translation>Buscar tarefas</translation>
    </message>
    <message>
        <source>Show only tasks whose title or description contains these words (/)</source>
        <translation>Mostrar apenas tarefas cujo título ou descrição contenha estas palavras (/)</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>Etiqueta</translation>
    </message>
    <message>
        <source>Show only tasks with this label</source>
        <translation>Mostrar apenas tarefas com esta etiqueta</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>Prioridade</translation>
    </message>
    <message>
        <source>Show only tasks of this priority</source>
        <translation>Mostrar apenas tarefas com esta prioridade</translation>
    </message>
    <message>
        <source>Agent</source>
        <translation>Agente</translation>
    </message>
    <message>
        <source>Show only tasks for this agent, or with an attempt by it</source>
        <translation>Mostrar apenas tarefas deste agente ou com uma tentativa dele</translation>
    </message>
    <message>
        <source>All labels</source>
        <translation>Todas as etiquetas</translation>
    </message>
    <message>
        <source>All agents</source>
        <translation>Todos os agentes</translation>
    </message>
    <message>
        <source>Any priority</source>
        <translation>Qualquer prioridade</translation>
    </message>
    <message>
        <source>Clear Filters</source>
        <translation>Limpar filtros</translation>
    </message>
    <message>
        <source>Show every task again</source>
        <translation>Mostrar todas as tarefas novamente</translation>
    </message>
    <message>
        <source>%1 of 1 task</source>
        <translation>%1 de 1 tarefa</translation>
    </message>
    <message>
        <source>%1 of %2 tasks</source>
        <translation>%1 de %2 tarefas</translation>
    </message>
</context>
<context>
    <name>Gui::DiffTextView</name>
    <message>
        <source>Changes</source>
        <translation>Alterações</translation>
    </message>
    <message>
        <source>binary</source>
        <translation>binário</translation>
    </message>
    <message>
        <source>%1 → %2</source>
        <translation>%1 → %2</translation>
    </message>
    <message>
        <source>Binary file not shown.</source>
        <translation>Arquivo binário não exibido.</translation>
    </message>
    <message>
        <source>This file&apos;s changes are too large to show (+%1 −%2).</source>
        <translation>As alterações deste arquivo são grandes demais para exibir (+%1 −%2).</translation>
    </message>
    <message>
        <source>Renamed without changes.</source>
        <translation>Renomeado sem alterações.</translation>
    </message>
    <message>
        <source>File mode changed from %1 to %2.</source>
        <translation>Modo do arquivo alterado de %1 para %2.</translation>
    </message>
    <message>
        <source>Empty file.</source>
        <translation>Arquivo vazio.</translation>
    </message>
    <message>
        <source>Add Comment…</source>
        <translation>Adicionar comentário…</translation>
    </message>
    <message>
        <source>Copy Line</source>
        <translation>Copiar linha</translation>
    </message>
    <message>
        <source>Copy File Path</source>
        <translation>Copiar caminho do arquivo</translation>
    </message>
</context>
<context>
    <name>Gui::DiffView</name>
    <message>
        <source>binary</source>
        <translation>binário</translation>
    </message>
    <message>
        <source>Choose an attempt to review its changes.</source>
        <translation>Escolha uma tentativa para revisar suas alterações.</translation>
    </message>
    <message>
        <source>Changes</source>
        <translation>Alterações</translation>
    </message>
    <message>
        <source>Working</source>
        <translation>Processando</translation>
    </message>
    <message>
        <source>Unified</source>
        <translation>Unificado</translation>
    </message>
    <message>
        <source>Show removed and added lines one under the other</source>
        <translation>Mostrar as linhas removidas e adicionadas uma abaixo da outra</translation>
    </message>
    <message>
        <source>Side by Side</source>
        <translation>Lado a lado</translation>
    </message>
    <message>
        <source>Show the old file on the left, the new one on the right</source>
        <translation>Mostrar o arquivo antigo à esquerda e o novo à direita</translation>
    </message>
    <message>
        <source>Reload the changes</source>
        <translation>Recarregar as alterações</translation>
    </message>
    <message>
        <source>Reload</source>
        <translation>Recarregar</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>Fechar</translation>
    </message>
    <message>
        <source>Hand to Agent</source>
        <translation>Passar ao agente</translation>
    </message>
    <message>
        <source>Ask the agent to resolve the conflicts in these files, in its worktree</source>
        <translation>Pedir ao agente que resolva os conflitos nestes arquivos, no worktree dele</translation>
    </message>
    <message>
        <source>Files</source>
        <translation>Arquivos</translation>
    </message>
    <message>
        <source>Changed files</source>
        <translation>Arquivos alterados</translation>
    </message>
    <message>
        <source>Review Comments</source>
        <translation>Comentários de revisão</translation>
    </message>
    <message>
        <source>Double-click a line, or press Enter on it, to comment.</source>
        <translation>Clique duas vezes em uma linha, ou pressione Enter nela, para comentar.</translation>
    </message>
    <message>
        <source>Review comments</source>
        <translation>Comentários de revisão</translation>
    </message>
    <message>
        <source>Remove Comment</source>
        <translation>Remover comentário</translation>
    </message>
    <message>
        <source>Send to Agent</source>
        <translation>Enviar ao agente</translation>
    </message>
    <message>
        <source>Send every comment to the agent as one follow-up, then clear them</source>
        <translation>Enviar todos os comentários ao agente em uma só mensagem e depois limpá-los</translation>
    </message>
    <message>
        <source>Open in Editor</source>
        <translation>Abrir no editor</translation>
    </message>
    <message>
        <source>Open the attempt&apos;s worktree in your editor</source>
        <translation>Abrir o worktree da tentativa no seu editor</translation>
    </message>
    <message>
        <source>Push</source>
        <translation>Fazer push</translation>
    </message>
    <message>
        <source>Push the attempt&apos;s branch to origin</source>
        <translation>Fazer push do branch da tentativa para o origin</translation>
    </message>
    <message>
        <source>Create Pull Request…</source>
        <translation>Criar pull request…</translation>
    </message>
    <message>
        <source>Rebase</source>
        <translation>Fazer rebase</translation>
    </message>
    <message>
        <source>Merge strategy</source>
        <translation>Estratégia de mesclagem</translation>
    </message>
    <message>
        <source>One commit on the target branch with all the changes</source>
        <translation>Um único commit no branch de destino com todas as alterações</translation>
    </message>
    <message>
        <source>A merge commit that keeps the branch&apos;s commits</source>
        <translation>Um commit de mesclagem que mantém os commits do branch</translation>
    </message>
    <message>
        <source>Move the target branch to the attempt&apos;s commits; fails if it moved on</source>
        <translation>Mover o branch de destino para os commits da tentativa; falha se ele tiver avançado</translation>
    </message>
    <message>
        <source>Replay the attempt&apos;s commits on the target branch</source>
        <translation>Reaplicar os commits da tentativa sobre o branch de destino</translation>
    </message>
    <message>
        <source>Merge</source>
        <translation>Mesclar</translation>
    </message>
    <message>
        <source>Approve Merge</source>
        <translation>Aprovar mesclagem</translation>
    </message>
    <message>
        <source>Answer the pending merge approval of this attempt</source>
        <translation>Responder à aprovação de mesclagem pendente desta tentativa</translation>
    </message>
    <message>
        <source>Strategy:</source>
        <translation>Estratégia:</translation>
    </message>
    <message>
        <source>Squash</source>
        <translation>Squash</translation>
    </message>
    <message>
        <source>Merge Commit</source>
        <translation>Commit de mesclagem</translation>
    </message>
    <message>
        <source>Fast-Forward</source>
        <translation>Fast-forward</translation>
    </message>
    <message>
        <source>Rebase and Merge</source>
        <translation>Rebase e mesclagem</translation>
    </message>
    <message>
        <source>Loading the changes…</source>
        <translation>Carregando as alterações…</translation>
    </message>
    <message>
        <source>Cannot show the changes: %1</source>
        <translation>Não é possível exibir as alterações: %1</translation>
    </message>
    <message>
        <source>No changes yet.</source>
        <translation>Nenhuma alteração ainda.</translation>
    </message>
    <message numerus="yes">
        <source>The %1 stopped on conflicts in %n file(s).</source>
        <translation>
            <numerusform>O %1 parou com conflitos em %n arquivo.</numerusform>
            <numerusform>O %1 parou com conflitos em %n arquivos.</numerusform>
        </translation>
    </message>
    <message>
        <source>Abort the %1</source>
        <translation>Abortar o %1</translation>
    </message>
    <message numerus="yes">
        <source>Merging into %1 would conflict in %n file(s).</source>
        <translation>
            <numerusform>Mesclar em %1 geraria conflitos em %n arquivo.</numerusform>
            <numerusform>Mesclar em %1 geraria conflitos em %n arquivos.</numerusform>
        </translation>
    </message>
    <message>
        <source>The attempt was deleted.</source>
        <translation>A tentativa foi excluída.</translation>
    </message>
    <message>
        <source>%1 (from %2)</source>
        <translation>%1 (renomeado de %2)</translation>
    </message>
    <message numerus="yes">
        <source>%n line(s) added</source>
        <translation>
            <numerusform>%n linha adicionada</numerusform>
            <numerusform>%n linhas adicionadas</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n line(s) removed</source>
        <translation>
            <numerusform>%n linha removida</numerusform>
            <numerusform>%n linhas removidas</numerusform>
        </translation>
    </message>
    <message>
        <source>Binary file</source>
        <translation>Arquivo binário</translation>
    </message>
    <message>
        <source>Files (%1)</source>
        <translation>Arquivos (%1)</translation>
    </message>
    <message>
        <source>Comment on a Line</source>
        <translation>Comentar uma linha</translation>
    </message>
    <message>
        <source>%1, removed line %2</source>
        <translation>%1, linha removida %2</translation>
    </message>
    <message>
        <source>%1, line %2</source>
        <translation>%1, linha %2</translation>
    </message>
    <message>
        <source>What should the agent change here?</source>
        <translation>O que o agente deve mudar aqui?</translation>
    </message>
    <message>
        <source>Add Comment</source>
        <translation>Adicionar comentário</translation>
    </message>
    <message>
        <source>Please address these review comments on your changes:</source>
        <translation>Por favor, trate estes comentários de revisão sobre as suas alterações:</translation>
    </message>
    <message>
        <source>%1:%2 (removed line)</source>
        <translation>%1:%2 (linha removida)</translation>
    </message>
    <message>
        <source>%1:%2 (removed)</source>
        <translation>%1:%2 (removida)</translation>
    </message>
    <message>
        <source>Double-click to show the line</source>
        <translation>Clique duas vezes para mostrar a linha</translation>
    </message>
    <message>
        <source>Review Comments (%1)</source>
        <translation>Comentários de revisão (%1)</translation>
    </message>
    <message>
        <source>Sending comments…</source>
        <translation>Enviando comentários…</translation>
    </message>
    <message>
        <source>Could not send the comments: %1</source>
        <translation>Não foi possível enviar os comentários: %1</translation>
    </message>
    <message numerus="yes">
        <source>Sent %n comment(s) to the agent.</source>
        <translation>
            <numerusform>%n comentário enviado ao agente.</numerusform>
            <numerusform>%n comentários enviados ao agente.</numerusform>
        </translation>
    </message>
    <message>
        <source>Approving…</source>
        <translation>Aprovando…</translation>
    </message>
    <message>
        <source>Could not approve: %1</source>
        <translation>Não foi possível aprovar: %1</translation>
    </message>
    <message>
        <source>Merge approved. It can be merged now.</source>
        <translation>Mesclagem aprovada. Já é possível mesclar.</translation>
    </message>
    <message>
        <source>Your approval is recorded; other approvers still have to answer.</source>
        <translation>Sua aprovação foi registrada; outros aprovadores ainda precisam responder.</translation>
    </message>
    <message>
        <source>Merging…</source>
        <translation>Mesclando…</translation>
    </message>
    <message>
        <source>Could not merge: %1</source>
        <translation>Não foi possível mesclar: %1</translation>
    </message>
    <message>
        <source>Merged into %1 as %2.</source>
        <translation>Mesclado em %1 como %2.</translation>
    </message>
    <message>
        <source>Rebasing…</source>
        <translation>Fazendo rebase…</translation>
    </message>
    <message>
        <source>Could not rebase: %1</source>
        <translation>Não foi possível fazer rebase: %1</translation>
    </message>
    <message>
        <source>The rebase stopped on conflicts in %1. Hand them to the agent, or abort the rebase.</source>
        <translation>O rebase parou com conflitos em %1. Passe-os ao agente ou aborte o rebase.</translation>
    </message>
    <message numerus="yes">
        <source>Rebased onto %1: %n commit(s) replayed.</source>
        <translation>
            <numerusform>Rebase sobre %1: %n commit reaplicado.</numerusform>
            <numerusform>Rebase sobre %1: %n commits reaplicados.</numerusform>
        </translation>
    </message>
    <message>
        <source>Pushing…</source>
        <translation>Fazendo push…</translation>
    </message>
    <message>
        <source>Could not push: %1</source>
        <translation>Não foi possível fazer push: %1</translation>
    </message>
    <message>
        <source>Pushed %1 to %2.</source>
        <translation>Push de %1 para %2 concluído.</translation>
    </message>
    <message>
        <source>Create Pull Request</source>
        <translation>Criar pull request</translation>
    </message>
    <message>
        <source>What the change does</source>
        <translation>O que a alteração faz</translation>
    </message>
    <message>
        <source>Why, and how to check it (optional)</source>
        <translation>Por que, e como verificar (opcional)</translation>
    </message>
    <message>
        <source>Open as a draft</source>
        <translation>Abrir como rascunho</translation>
    </message>
    <message>
        <source>Opening the pull request…</source>
        <translation>Abrindo a pull request…</translation>
    </message>
    <message>
        <source>Could not open the pull request: %1</source>
        <translation>Não foi possível abrir a pull request: %1</translation>
    </message>
    <message>
        <source>Opened pull request &lt;a href=&quot;%1&quot;&gt;#%2&lt;/a&gt;.</source>
        <translation>Pull request &lt;a href=&quot;%1&quot;&gt;#%2&lt;/a&gt; aberta.</translation>
    </message>
    <message>
        <source>&amp;Title:</source>
        <translation>&amp;Título:</translation>
    </message>
    <message>
        <source>&amp;Description:</source>
        <translation>&amp;Descrição:</translation>
    </message>
    <message>
        <source>&amp;Into branch:</source>
        <translation>&amp;Branch de destino:</translation>
    </message>
    <message>
        <source>Opening the editor…</source>
        <translation>Abrindo o editor…</translation>
    </message>
    <message>
        <source>Could not open the editor: %1</source>
        <translation>Não foi possível abrir o editor: %1</translation>
    </message>
    <message>
        <source>Opened the worktree in %1.</source>
        <translation>O worktree foi aberto em %1.</translation>
    </message>
    <message>
        <source>The %1 onto %2 stopped with conflicts in these files:
%3
Resolve the conflicts, keeping the intent of both sides, then stage the files and run `git %1 --continue`.</source>
        <translation>O %1 sobre %2 parou com conflitos nestes arquivos:
%3
Resolva os conflitos, preservando a intenção dos dois lados, depois adicione os arquivos ao stage e execute `git %1 --continue`.</translation>
    </message>
    <message>
        <source>Merging this branch into %1 would conflict in these files:
%2
Rebase the branch onto %1 and resolve the conflicts, keeping the intent of both sides.</source>
        <translation>Mesclar este branch em %1 geraria conflitos nestes arquivos:
%2
Faça rebase do branch sobre %1 e resolva os conflitos, preservando a intenção dos dois lados.</translation>
    </message>
    <message>
        <source>Handing the conflicts to the agent…</source>
        <translation>Passando os conflitos ao agente…</translation>
    </message>
    <message>
        <source>Could not hand the conflicts to the agent: %1</source>
        <translation>Não foi possível passar os conflitos ao agente: %1</translation>
    </message>
    <message numerus="yes">
        <source>Handed %n conflicted file(s) to the agent.</source>
        <translation>
            <numerusform>%n arquivo em conflito passado ao agente.</numerusform>
            <numerusform>%n arquivos em conflito passados ao agente.</numerusform>
        </translation>
    </message>
    <message>
        <source>Aborting…</source>
        <translation>Abortando…</translation>
    </message>
    <message>
        <source>Could not abort: %1</source>
        <translation>Não foi possível abortar: %1</translation>
    </message>
    <message>
        <source>Aborted the %1.</source>
        <translation>O %1 foi abortado.</translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) changed</source>
        <translation>
            <numerusform>%n arquivo alterado</numerusform>
            <numerusform>%n arquivos alterados</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 → %2</source>
        <translation>%1 → %2</translation>
    </message>
    <message>
        <source>merged</source>
        <translation>mesclado</translation>
    </message>
    <message numerus="yes">
        <source>%n commit(s) ahead</source>
        <translation>
            <numerusform>%n commit à frente</numerusform>
            <numerusform>%n commits à frente</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n behind</source>
        <translation>
            <numerusform>%n atrás</numerusform>
            <numerusform>%n atrás</numerusform>
        </translation>
    </message>
    <message>
        <source>pull request #%1</source>
        <translation>pull request #%1</translation>
    </message>
    <message>
        <source>the agent is working</source>
        <translation>o agente está trabalhando</translation>
    </message>
    <message>
        <source>The agent is still working on this attempt.</source>
        <translation>O agente ainda está trabalhando nesta tentativa.</translation>
    </message>
    <message>
        <source>Merge into %1</source>
        <translation>Mesclar em %1</translation>
    </message>
    <message>
        <source>Already merged</source>
        <translation>Já mesclado</translation>
    </message>
    <message>
        <source>Replay the attempt&apos;s commits on the latest %1</source>
        <translation>Reaplicar os commits da tentativa sobre o %1 mais recente</translation>
    </message>
    <message>
        <source>View Pull Request #%1</source>
        <translation>Ver pull request #%1</translation>
    </message>
    <message>
        <source>The worktree was removed</source>
        <translation>O worktree foi removido</translation>
    </message>
    <message>
        <source>Ask the agent to resolve the conflicts in these files</source>
        <translation>Pedir ao agente que resolva os conflitos nestes arquivos</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Carregando…</translation>
    </message>
</context>
<context>
    <name>Gui::LogDelegate</name>
    <message>
        <source>(shortened)</source>
        <translation>(truncado)</translation>
    </message>
    <message>
        <source>exit %1</source>
        <translation>saída %1</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>falhou</translation>
    </message>
    <message>
        <source>Thinking</source>
        <translation>Pensando</translation>
    </message>
    <message>
        <source>Edit failed</source>
        <translation>Falha na edição</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Criado</translation>
    </message>
    <message>
        <source>Edited</source>
        <translation>Editado</translation>
    </message>
    <message>
        <source>Tool</source>
        <translation>Ferramenta</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Carregando…</translation>
    </message>
    <message numerus="yes">
        <source>… %n more line(s) in the log file</source>
        <translation>
            <numerusform>… mais %n linha no arquivo de log</numerusform>
            <numerusform>… mais %n linhas no arquivo de log</numerusform>
        </translation>
    </message>
    <message>
        <source>You</source>
        <translation>Você</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Erro</translation>
    </message>
</context>
<context>
    <name>Gui::LogView</name>
    <message>
        <source>Attempt log</source>
        <translation>Log da tentativa</translation>
    </message>
    <message>
        <source>Scroll to the newest entry and follow the log (End)</source>
        <translation>Rolar até a entrada mais recente e acompanhar o log (End)</translation>
    </message>
    <message>
        <source>No attempt selected</source>
        <translation>Nenhuma tentativa selecionada</translation>
    </message>
    <message>
        <source>Loading the log…</source>
        <translation>Carregando o log…</translation>
    </message>
    <message>
        <source>No output yet</source>
        <translation>Nenhuma saída ainda</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>&amp;Copiar</translation>
    </message>
    <message>
        <source>C&amp;ollapse</source>
        <translation>&amp;Recolher</translation>
    </message>
    <message>
        <source>&amp;Expand</source>
        <translation>&amp;Expandir</translation>
    </message>
    <message>
        <source>&amp;Jump to Latest</source>
        <translation>&amp;Ir para o mais recente</translation>
    </message>
    <message numerus="yes">
        <source>Jump to latest (%n new)</source>
        <translation>
            <numerusform>Ir para o mais recente (%n novo)</numerusform>
            <numerusform>Ir para o mais recente (%n novos)</numerusform>
        </translation>
    </message>
    <message>
        <source>Jump to latest</source>
        <translation>Ir para o mais recente</translation>
    </message>
</context>
<context>
    <name>Gui::MainWindow</name>
    <message>
        <source>Forgedesk</source>
        <translation>Forgedesk</translation>
    </message>
    <message>
        <source>Could not load the tasks: %1</source>
        <translation>Não foi possível carregar as tarefas: %1</translation>
    </message>
    <message>
        <source>Could not move the task: %1</source>
        <translation>Não foi possível mover a tarefa: %1</translation>
    </message>
    <message>
        <source>&amp;Open Repository…</source>
        <translation>&amp;Abrir repositório…</translation>
    </message>
    <message>
        <source>Open a git repository as a project</source>
        <translation>Abrir um repositório git como projeto</translation>
    </message>
    <message>
        <source>&amp;New Task…</source>
        <translation>&amp;Nova tarefa…</translation>
    </message>
    <message>
        <source>New Task</source>
        <translation>Nova tarefa</translation>
    </message>
    <message>
        <source>&amp;Edit Task…</source>
        <translation>&amp;Editar tarefa…</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>Editar</translation>
    </message>
    <message>
        <source>&amp;Delete Task…</source>
        <translation>E&amp;xcluir tarefa…</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Excluir</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Sair</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Arquivo</translation>
    </message>
    <message>
        <source>&amp;Task</source>
        <translation>&amp;Tarefa</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>Principal</translation>
    </message>
    <message>
        <source>Switch project</source>
        <translation>Trocar de projeto</translation>
    </message>
    <message>
        <source>Project</source>
        <translation>Projeto</translation>
    </message>
    <message>
        <source>Project:</source>
        <translation>Projeto:</translation>
    </message>
    <message>
        <source>Open a git repository to start</source>
        <translation>Abra um repositório git para começar</translation>
    </message>
    <message>
        <source>Each project is a git repository with its own board of tasks. Choose the top-level folder of a repository to create one.</source>
        <translation>Cada projeto é um repositório git com seu próprio quadro de tarefas. Escolha a pasta raiz de um repositório para criar um.</translation>
    </message>
    <message>
        <source>Open Repository…</source>
        <translation>Abrir repositório…</translation>
    </message>
    <message>
        <source>API: %1</source>
        <translation>API: %1</translation>
    </message>
    <message>
        <source>Scripts and agents can change this board through the HTTP API at %1</source>
        <translation>Scripts e agentes podem alterar este quadro pela API HTTP em %1</translation>
    </message>
    <message>
        <source>Open Repository</source>
        <translation>Abrir repositório</translation>
    </message>
    <message>
        <source>Cannot Open Repository</source>
        <translation>Não é possível abrir o repositório</translation>
    </message>
    <message>
        <source>Delete Task</source>
        <translation>Excluir tarefa</translation>
    </message>
    <message>
        <source>Delete the task “%1”?</source>
        <translation>Excluir a tarefa “%1”?</translation>
    </message>
    <message>
        <source>This cannot be undone.</source>
        <translation>Esta ação não pode ser desfeita.</translation>
    </message>
    <message>
        <source>Could not delete the task: %1</source>
        <translation>Não foi possível excluir a tarefa: %1</translation>
    </message>
    <message>
        <source>Could not load the projects: %1</source>
        <translation>Não foi possível carregar os projetos: %1</translation>
    </message>
    <message>
        <source>The project “%1” was deleted.</source>
        <translation>O projeto “%1” foi excluído.</translation>
    </message>
    <message>
        <source>The project was deleted.</source>
        <translation>O projeto foi excluído.</translation>
    </message>
    <message>
        <source>%1  ·  base branch %2</source>
        <translation>%1  ·  branch base %2</translation>
    </message>
    <message>
        <source>Approval needed</source>
        <translation>Aprovação necessária</translation>
    </message>
    <message>
        <source>&amp;Board</source>
        <translation>&amp;Quadro</translation>
    </message>
    <message>
        <source>&amp;Inbox</source>
        <translation>&amp;Caixa de entrada</translation>
    </message>
    <message>
        <source>Approvals waiting for you</source>
        <translation>Aprovações aguardando você</translation>
    </message>
    <message>
        <source>&amp;Find Tasks</source>
        <translation>&amp;Localizar tarefas</translation>
    </message>
    <message>
        <source>&amp;Switch Project…</source>
        <translation>&amp;Trocar de projeto…</translation>
    </message>
    <message>
        <source>&amp;Keyboard Shortcuts</source>
        <translation>&amp;Atalhos de teclado</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>&amp;Configurações…</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Exibir</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>Aj&amp;uda</translation>
    </message>
    <message>
        <source>&amp;Inbox (%1)</source>
        <translation>&amp;Caixa de entrada (%1)</translation>
    </message>
    <message>
        <source>Inbox (%1)</source>
        <translation>Caixa de entrada (%1)</translation>
    </message>
    <message>
        <source>Inbox</source>
        <translation>Caixa de entrada</translation>
    </message>
    <message>
        <source>Show Forgedesk</source>
        <translation>Mostrar o Forgedesk</translation>
    </message>
    <message>
        <source>Attempt finished</source>
        <translation>Tentativa finalizada</translation>
    </message>
    <message>
        <source>Attempt failed</source>
        <translation>Falha na tentativa</translation>
    </message>
    <message>
        <source>Attempt stopped</source>
        <translation>Tentativa interrompida</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>Em execução</translation>
    </message>
    <message>
        <source>Forgedesk: 1 attempt running</source>
        <translation>Forgedesk: 1 tentativa em execução</translation>
    </message>
    <message>
        <source>Forgedesk: %1 attempts running</source>
        <translation>Forgedesk: %1 tentativas em execução</translation>
    </message>
</context>
<context>
    <name>Gui::Presentation</name>
    <message>
        <source>To do</source>
        <translation>A fazer</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>Em andamento</translation>
    </message>
    <message>
        <source>In review</source>
        <translation>Em revisão</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Concluído</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Cancelado</translation>
    </message>
    <message>
        <source>Low</source>
        <translation>Baixa</translation>
    </message>
    <message>
        <source>Medium</source>
        <translation>Média</translation>
    </message>
    <message>
        <source>High</source>
        <translation>Alta</translation>
    </message>
    <message>
        <source>Urgent</source>
        <translation>Urgente</translation>
    </message>
    <message>
        <source>Not started</source>
        <translation>Não iniciado</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>Em execução</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>Finalizado</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Falhou</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1 min %2 s</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 h %2 min</translation>
    </message>
    <message>
        <source>&lt;$%1</source>
        <translation>&lt;US$ %1</translation>
    </message>
    <message>
        <source>$%1</source>
        <translation>US$ %1</translation>
    </message>
</context>
<context>
    <name>Gui::ProjectDialog</name>
    <message>
        <source>New Project</source>
        <translation>Novo projeto</translation>
    </message>
    <message>
        <source>Forgedesk keeps a board of tasks for this repository.</source>
        <translation>O Forgedesk mantém um quadro de tarefas para este repositório.</translation>
    </message>
    <message>
        <source>The repository&apos;s current branch</source>
        <translation>O branch atual do repositório</translation>
    </message>
    <message>
        <source>Create Project</source>
        <translation>Criar projeto</translation>
    </message>
    <message>
        <source>Repository:</source>
        <translation>Repositório:</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Nome:</translation>
    </message>
    <message>
        <source>&amp;Base branch:</source>
        <translation>&amp;Branch base:</translation>
    </message>
    <message>
        <source>Cannot Create Project</source>
        <translation>Não é possível criar o projeto</translation>
    </message>
    <message>
        <source>The project could not be created.</source>
        <translation>Não foi possível criar o projeto.</translation>
    </message>
</context>
<context>
    <name>Gui::SettingsDialog</name>
    <message>
        <source>line %1 is not NAME=VALUE: %2</source>
        <translation>a linha %1 não está no formato NOME=VALOR: %2</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Configurações</translation>
    </message>
    <message>
        <source>Settings pages</source>
        <translation>Páginas de configuração</translation>
    </message>
    <message>
        <source>General</source>
        <translation>Geral</translation>
    </message>
    <message>
        <source>Agents</source>
        <translation>Agentes</translation>
    </message>
    <message>
        <source>Editor</source>
        <translation>Editor</translation>
    </message>
    <message>
        <source>GitHub</source>
        <translation>GitHub</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>Servidor</translation>
    </message>
    <message>
        <source>System default</source>
        <translation>Padrão do sistema</translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation>Seguir o sistema</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>Claro</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>Escuro</translation>
    </message>
    <message>
        <source> h</source>
        <translation> h</translation>
    </message>
    <message>
        <source>You</source>
        <translation>Identidade</translation>
    </message>
    <message>
        <source>&amp;E-mail:</source>
        <translation>&amp;E-mail:</translation>
    </message>
    <message>
        <source>Recorded on approvals you answer and on requests made without an API key. Empty: git&apos;s user.email, shown above when it is set.</source>
        <translation>Registrado nas aprovações que você responde e nas requisições feitas sem chave de API. Vazio: o user.email do git, mostrado acima quando definido.</translation>
    </message>
    <message>
        <source>Appearance</source>
        <translation>Aparência</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>&amp;Idioma:</translation>
    </message>
    <message>
        <source>&amp;Theme:</source>
        <translation>&amp;Tema:</translation>
    </message>
    <message>
        <source>Attempts</source>
        <translation>Tentativas</translation>
    </message>
    <message>
        <source>&amp;Run at most:</source>
        <translation>E&amp;xecutar no máximo:</translation>
    </message>
    <message>
        <source>Attempts started beyond this many wait for a free slot.</source>
        <translation>Tentativas iniciadas além desse número aguardam uma vaga livre.</translation>
    </message>
    <message>
        <source>&amp;Keep worktrees for:</source>
        <translation>&amp;Manter worktrees por:</translation>
    </message>
    <message>
        <source>How long a finished attempt keeps its worktree on disk.</source>
        <translation>Por quanto tempo uma tentativa finalizada mantém seu worktree no disco.</translation>
    </message>
    <message>
        <source>Agent profiles</source>
        <translation>Perfis de agente</translation>
    </message>
    <message>
        <source>The agent&apos;s default</source>
        <translation>Padrão do agente</translation>
    </message>
    <message>
        <source>NAME=value, one a line</source>
        <translation>NOME=valor, um por linha</translation>
    </message>
    <message>
        <source>Restore Defaults</source>
        <translation>Restaurar padrões</translation>
    </message>
    <message>
        <source>Forget your changes to this built-in profile</source>
        <translation>Descartar suas alterações neste perfil embutido</translation>
    </message>
    <message>
        <source>&amp;Command:</source>
        <translation>&amp;Comando:</translation>
    </message>
    <message>
        <source>&amp;Arguments:</source>
        <translation>&amp;Argumentos:</translation>
    </message>
    <message>
        <source>One argument a line, passed as is: nothing goes through a shell. {prompt}, {sessionId} and {model} are replaced inside an argument; a line that is just {modelArgs} or {extraArgs} stands for those lists.</source>
        <translation>Um argumento por linha, passado como está: nada passa por um shell. {prompt}, {sessionId} e {model} são substituídos dentro de um argumento; uma linha que seja apenas {modelArgs} ou {extraArgs} representa essas listas.</translation>
    </message>
    <message>
        <source>&amp;Model:</source>
        <translation>&amp;Modelo:</translation>
    </message>
    <message>
        <source>&amp;Environment:</source>
        <translation>&amp;Variáveis de ambiente:</translation>
    </message>
    <message>
        <source>Custom command</source>
        <translation>Comando personalizado</translation>
    </message>
    <message>
        <source>Open in Editor</source>
        <translation>Abrir no editor</translation>
    </message>
    <message>
        <source>&amp;Editor:</source>
        <translation>&amp;Editor:</translation>
    </message>
    <message>
        <source>C&amp;ustom command:</source>
        <translation>Comando &amp;personalizado:</translation>
    </message>
    <message>
        <source>A known editor is looked up on PATH. A custom command is split like a shell would (double quotes only) but never run by one; {path} becomes the worktree, which is added at the end when no argument has it.</source>
        <translation>Um editor conhecido é procurado no PATH. Um comando personalizado é dividido como um shell faria (apenas aspas duplas), mas nunca é executado por um; {path} vira o worktree, que é adicionado ao final quando nenhum argumento o contém.</translation>
    </message>
    <message>
        <source>Remove Token</source>
        <translation>Remover token</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>Pull Requests</source>
        <translation>Pull requests</translation>
    </message>
    <message>
        <source>&amp;Token:</source>
        <translation>&amp;Token:</translation>
    </message>
    <message>
        <source>&amp;API URL:</source>
        <translation>URL da &amp;API:</translation>
    </message>
    <message>
        <source>GitHub Enterprise: https://&lt;host&gt;/api/v3.</source>
        <translation>GitHub Enterprise: https://&lt;host&gt;/api/v3.</translation>
    </message>
    <message>
        <source>&amp;Check every:</source>
        <translation>&amp;Verificar a cada:</translation>
    </message>
    <message>
        <source>How often open pull requests are checked for reviews and merges.</source>
        <translation>Com que frequência as pull requests abertas são verificadas em busca de revisões e mesclagens.</translation>
    </message>
    <message>
        <source>Any free port</source>
        <translation>Qualquer porta livre</translation>
    </message>
    <message>
        <source>No limit</source>
        <translation>Sem limite</translation>
    </message>
    <message>
        <source> per minute</source>
        <translation> por minuto</translation>
    </message>
    <message>
        <source>Other machines can reach this address. Forgedesk listens there only once an API key exists, and then every request must carry one.</source>
        <translation>Outras máquinas podem acessar este endereço. O Forgedesk só escuta nele quando existe uma chave de API, e então toda requisição precisa trazer uma.</translation>
    </message>
    <message>
        <source>Listening</source>
        <translation>Escuta</translation>
    </message>
    <message>
        <source>&amp;Port:</source>
        <translation>&amp;Porta:</translation>
    </message>
    <message>
        <source>&amp;Address:</source>
        <translation>&amp;Endereço:</translation>
    </message>
    <message>
        <source>&amp;Rate limit:</source>
        <translation>&amp;Limite de requisições:</translation>
    </message>
    <message>
        <source>Address and port apply the next time Forgedesk starts; --host and --port override them.</source>
        <translation>Endereço e porta são aplicados na próxima vez que o Forgedesk for iniciado; --host e --port têm precedência.</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nome</translation>
    </message>
    <message>
        <source>Acts as</source>
        <translation>Atua como</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Criação</translation>
    </message>
    <message>
        <source>Last used</source>
        <translation>Último uso</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>API keys</source>
        <translation>Chaves de API</translation>
    </message>
    <message>
        <source>Name, e.g. CI</source>
        <translation>Nome, p. ex. CI</translation>
    </message>
    <message>
        <source>New key&apos;s name</source>
        <translation>Nome da nova chave</translation>
    </message>
    <message>
        <source>E-mail it acts as (optional)</source>
        <translation>E-mail com que atua (opcional)</translation>
    </message>
    <message>
        <source>New key&apos;s e-mail</source>
        <translation>E-mail da nova chave</translation>
    </message>
    <message>
        <source>Create Key</source>
        <translation>Criar chave</translation>
    </message>
    <message>
        <source>Revoke…</source>
        <translation>Revogar…</translation>
    </message>
    <message>
        <source>&lt;b&gt;Copy the new key now: it is shown only this once.&lt;/b&gt; Forgedesk keeps only a hash of it. Clients send it as &lt;code&gt;Authorization: Bearer &amp;lt;key&amp;gt;&lt;/code&gt;.</source>
        <translation>&lt;b&gt;Copie a nova chave agora: ela só é mostrada desta vez.&lt;/b&gt; O Forgedesk guarda apenas um hash dela. Os clientes a enviam como &lt;code&gt;Authorization: Bearer &amp;lt;chave&amp;gt;&lt;/code&gt;.</translation>
    </message>
    <message>
        <source>The new key</source>
        <translation>A nova chave</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Copiar</translation>
    </message>
    <message>
        <source>The key is on the clipboard.</source>
        <translation>A chave está na área de transferência.</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Pronto</translation>
    </message>
    <message>
        <source>API Keys</source>
        <translation>Chaves de API</translation>
    </message>
    <message>
        <source>URL</source>
        <translation>URL</translation>
    </message>
    <message>
        <source>Events</source>
        <translation>Eventos</translation>
    </message>
    <message>
        <source>Signed</source>
        <translation>Assinado</translation>
    </message>
    <message>
        <source>Webhooks</source>
        <translation>Webhooks</translation>
    </message>
    <message>
        <source>Add Webhook…</source>
        <translation>Adicionar webhook…</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>Excluir…</translation>
    </message>
    <message>
        <source>Events are POSTed as JSON, retried until the receiver answers 2xx.</source>
        <translation>Os eventos são enviados por POST como JSON, com novas tentativas até o receptor responder 2xx.</translation>
    </message>
    <message>
        <source>The new token replaces the one set when you save.</source>
        <translation>O novo token substitui o atual quando você salvar.</translation>
    </message>
    <message>
        <source>The token is stored when you save.</source>
        <translation>O token é armazenado quando você salvar.</translation>
    </message>
    <message>
        <source>The token is removed when you save.</source>
        <translation>O token é removido quando você salvar.</translation>
    </message>
    <message>
        <source>A token is set. Type a new one to replace it.</source>
        <translation>Há um token definido. Digite um novo para substituí-lo.</translation>
    </message>
    <message>
        <source>No token is set: the GITHUB_TOKEN environment variable is used, if any.</source>
        <translation>Nenhum token definido: a variável de ambiente GITHUB_TOKEN é usada, se existir.</translation>
    </message>
    <message>
        <source>•••••••• (set)</source>
        <translation>•••••••• (definido)</translation>
    </message>
    <message>
        <source>Not set</source>
        <translation>Não definido</translation>
    </message>
    <message>
        <source>%1 (yours)</source>
        <translation>%1 (seu)</translation>
    </message>
    <message>
        <source>%1 (changed)</source>
        <translation>%1 (alterado)</translation>
    </message>
    <message>
        <source>When it is not installed, %1 is run with npx.</source>
        <translation>Quando não estiver instalado, %1 é executado com npx.</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>Salvo.</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Salvando…</translation>
    </message>
    <message>
        <source>Could not list the API keys: %1</source>
        <translation>Não foi possível listar as chaves de API: %1</translation>
    </message>
    <message>
        <source>Never</source>
        <translation>Nunca</translation>
    </message>
    <message>
        <source>Revoked</source>
        <translation>Revogada</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Ativa</translation>
    </message>
    <message>
        <source>Starts with %1…</source>
        <translation>Começa com %1…</translation>
    </message>
    <message>
        <source>Revoked %1</source>
        <translation>Revogada em %1</translation>
    </message>
    <message>
        <source>Revoke API Key</source>
        <translation>Revogar chave de API</translation>
    </message>
    <message>
        <source>Revoke the key “%1”?</source>
        <translation>Revogar a chave “%1”?</translation>
    </message>
    <message>
        <source>Clients that use it are refused from now on. This cannot be undone.</source>
        <translation>Os clientes que a usam serão recusados a partir de agora. Esta ação não pode ser desfeita.</translation>
    </message>
    <message>
        <source>Revoke</source>
        <translation>Revogar</translation>
    </message>
    <message>
        <source>Revoked “%1”.</source>
        <translation>Chave “%1” revogada.</translation>
    </message>
    <message>
        <source>Could not list the webhooks: %1</source>
        <translation>Não foi possível listar os webhooks: %1</translation>
    </message>
    <message>
        <source>All events</source>
        <translation>Todos os eventos</translation>
    </message>
    <message>
        <source>No</source>
        <translation>Não</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Sim</translation>
    </message>
    <message>
        <source>Add Webhook</source>
        <translation>Adicionar webhook</translation>
    </message>
    <message>
        <source>Optional</source>
        <translation>Opcional</translation>
    </message>
    <message>
        <source>All events, including future ones</source>
        <translation>Todos os eventos, inclusive os futuros</translation>
    </message>
    <message>
        <source>&amp;URL:</source>
        <translation>&amp;URL:</translation>
    </message>
    <message>
        <source>&amp;Events:</source>
        <translation>&amp;Eventos:</translation>
    </message>
    <message>
        <source>&amp;Secret:</source>
        <translation>&amp;Segredo:</translation>
    </message>
    <message>
        <source>With a secret, each delivery is signed: X-Forge-Signature carries the HMAC-SHA256 of the body.</source>
        <translation>Com um segredo, cada entrega é assinada: X-Forge-Signature contém o HMAC-SHA256 do corpo.</translation>
    </message>
    <message>
        <source>Added a webhook for %1.</source>
        <translation>Webhook adicionado para %1.</translation>
    </message>
    <message>
        <source>Delete Webhook</source>
        <translation>Excluir webhook</translation>
    </message>
    <message>
        <source>Stop sending events to %1?</source>
        <translation>Parar de enviar eventos para %1?</translation>
    </message>
    <message>
        <source>Deliveries still waiting are dropped with it.</source>
        <translation>As entregas ainda pendentes são descartadas junto com ele.</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Excluir</translation>
    </message>
    <message>
        <source>Language and theme change as soon as you save.</source>
        <translation>O idioma e o tema mudam assim que você salva.</translation>
    </message>
</context>
<context>
    <name>Gui::ShortcutsDialog</name>
    <message>
        <source>Keyboard Shortcuts</source>
        <translation>Atalhos de teclado</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>Teclas</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Ação</translation>
    </message>
    <message>
        <source>Board</source>
        <translation>Quadro</translation>
    </message>
    <message>
        <source>New task</source>
        <translation>Nova tarefa</translation>
    </message>
    <message>
        <source>Search tasks</source>
        <translation>Buscar tarefas</translation>
    </message>
    <message>
        <source>Next or previous card in the column</source>
        <translation>Cartão seguinte ou anterior na coluna</translation>
    </message>
    <message>
        <source>Previous or next column</source>
        <translation>Coluna anterior ou seguinte</translation>
    </message>
    <message>
        <source>Open the selected task</source>
        <translation>Abrir a tarefa selecionada</translation>
    </message>
    <message>
        <source>Clear the search, or close the task</source>
        <translation>Limpar a busca ou fechar a tarefa</translation>
    </message>
    <message>
        <source>Window</source>
        <translation>Janela</translation>
    </message>
    <message>
        <source>Switch project</source>
        <translation>Trocar de projeto</translation>
    </message>
    <message>
        <source>Board or inbox</source>
        <translation>Quadro ou caixa de entrada</translation>
    </message>
    <message>
        <source>Edit the selected task</source>
        <translation>Editar a tarefa selecionada</translation>
    </message>
    <message>
        <source>Delete the selected task</source>
        <translation>Excluir a tarefa selecionada</translation>
    </message>
    <message>
        <source>Open a repository</source>
        <translation>Abrir um repositório</translation>
    </message>
    <message>
        <source>Show these shortcuts</source>
        <translation>Mostrar estes atalhos</translation>
    </message>
    <message>
        <source> or </source>
        <translation> ou </translation>
    </message>
</context>
<context>
    <name>Gui::SourceHighlightBackend</name>
    <message>
        <source>No syntax definition at %1</source>
        <translation>Nenhuma definição de sintaxe em %1</translation>
    </message>
    <message>
        <source>%1:%2: %3 %4</source>
        <translation>%1:%2: %3 %4</translation>
    </message>
    <message>
        <source>%1:%2: %3 (%4)</source>
        <translation>%1:%2: %3 (%4)</translation>
    </message>
    <message>
        <source>Cannot load %1</source>
        <translation>Não é possível carregar %1</translation>
    </message>
</context>
<context>
    <name>Gui::TaskCardDelegate</name>
    <message>
        <source>Running</source>
        <translation>Em execução</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Falhou</translation>
    </message>
    <message>
        <source>Merged</source>
        <translation>Mesclado</translation>
    </message>
    <message>
        <source>1 approval</source>
        <translation>1 aprovação</translation>
    </message>
    <message>
        <source>%1 approvals</source>
        <translation>%1 aprovações</translation>
    </message>
</context>
<context>
    <name>Gui::TaskColumnModel</name>
    <message>
        <source>Cost so far: %1</source>
        <translation>Custo até agora: %1</translation>
    </message>
    <message>
        <source>Approvals waiting: %1</source>
        <translation>Aprovações pendentes: %1</translation>
    </message>
    <message>
        <source>Agents: %1</source>
        <translation>Agentes: %1</translation>
    </message>
</context>
<context>
    <name>Gui::TaskDialog</name>
    <message>
        <source>New Task</source>
        <translation>Nova tarefa</translation>
    </message>
    <message>
        <source>Create Task</source>
        <translation>Criar tarefa</translation>
    </message>
    <message>
        <source>Edit Task</source>
        <translation>Editar tarefa</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Salvar</translation>
    </message>
    <message>
        <source>What needs to be done?</source>
        <translation>O que precisa ser feito?</translation>
    </message>
    <message>
        <source>Details, acceptance criteria, links…</source>
        <translation>Detalhes, critérios de aceitação, links…</translation>
    </message>
    <message>
        <source>Comma-separated, e.g. backend, bug</source>
        <translation>Separadas por vírgula, p. ex. backend, bug</translation>
    </message>
    <message>
        <source>&amp;Priority:</source>
        <translation>&amp;Prioridade:</translation>
    </message>
    <message>
        <source>&amp;Status:</source>
        <translation>&amp;Status:</translation>
    </message>
    <message>
        <source>&amp;Title:</source>
        <translation>&amp;Título:</translation>
    </message>
    <message>
        <source>&amp;Description:</source>
        <translation>&amp;Descrição:</translation>
    </message>
    <message>
        <source>&amp;Labels:</source>
        <translation>&amp;Etiquetas:</translation>
    </message>
</context>
<context>
    <name>Gui::TaskPanel</name>
    <message>
        <source>waiting</source>
        <translation>aguardando</translation>
    </message>
    <message>
        <source>running</source>
        <translation>em execução</translation>
    </message>
    <message>
        <source>done</source>
        <translation>concluído</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>falhou</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>cancelado</translation>
    </message>
    <message>
        <source>draft</source>
        <translation>rascunho</translation>
    </message>
    <message>
        <source>at %1</source>
        <translation>para %1</translation>
    </message>
    <message>
        <source>when idle</source>
        <translation>quando ocioso</translation>
    </message>
    <message>
        <source>sent</source>
        <translation>enviado</translation>
    </message>
    <message>
        <source>Close (Esc)</source>
        <translation>Fechar (Esc)</translation>
    </message>
    <message>
        <source>Close the task</source>
        <translation>Fechar a tarefa</translation>
    </message>
    <message>
        <source>Agent</source>
        <translation>Agente</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Duração</translation>
    </message>
    <message>
        <source>Cost</source>
        <translation>Custo</translation>
    </message>
    <message>
        <source>Attempts</source>
        <translation>Tentativas</translation>
    </message>
    <message>
        <source>Variant</source>
        <translation>Variante</translation>
    </message>
    <message>
        <source>Default</source>
        <translation>Padrão</translation>
    </message>
    <message>
        <source>Start Attempt</source>
        <translation>Iniciar tentativa</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Parar</translation>
    </message>
    <message>
        <source>Stop the agent of this attempt</source>
        <translation>Parar o agente desta tentativa</translation>
    </message>
    <message>
        <source>Replace…</source>
        <translation>Substituir…</translation>
    </message>
    <message>
        <source>Stop the agent and start it again with a new prompt</source>
        <translation>Parar o agente e iniciá-lo novamente com um novo prompt</translation>
    </message>
    <message>
        <source>Tell the agent what to do next…</source>
        <translation>Diga ao agente o que fazer em seguida…</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Enviar</translation>
    </message>
    <message>
        <source>Send now as a follow-up (Ctrl+Enter)</source>
        <translation>Enviar agora como continuação (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>Add to Queue</source>
        <translation>Adicionar à fila</translation>
    </message>
    <message>
        <source>Run after what runs now and what is queued before it</source>
        <translation>Executar depois do que está em execução e do que já está na fila</translation>
    </message>
    <message>
        <source>Save Draft</source>
        <translation>Salvar rascunho</translation>
    </message>
    <message>
        <source>Send at</source>
        <translation>Enviar em</translation>
    </message>
    <message>
        <source>Queue</source>
        <translation>Fila</translation>
    </message>
    <message>
        <source>Run Next</source>
        <translation>Executar a seguir</translation>
    </message>
    <message>
        <source>Drafts</source>
        <translation>Rascunhos</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>Editar</translation>
    </message>
    <message>
        <source>Send Now</source>
        <translation>Enviar agora</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Excluir</translation>
    </message>
    <message>
        <source>Follow-up</source>
        <translation>Continuação</translation>
    </message>
    <message>
        <source>Log</source>
        <translation>Log</translation>
    </message>
    <message>
        <source>Changes</source>
        <translation>Alterações</translation>
    </message>
    <message>
        <source>Could not load the attempts: %1</source>
        <translation>Não foi possível carregar as tentativas: %1</translation>
    </message>
    <message>
        <source>%1 on branch %2</source>
        <translation>%1 no branch %2</translation>
    </message>
    <message>
        <source>Waiting for a slot</source>
        <translation>Aguardando uma vaga</translation>
    </message>
    <message>
        <source>Merged</source>
        <translation>Mesclado</translation>
    </message>
    <message>
        <source>Stopped: %1</source>
        <translation>Parada: %1</translation>
    </message>
    <message>
        <source>Nothing queued</source>
        <translation>Nada na fila</translation>
    </message>
    <message>
        <source>Could not start the attempt: %1</source>
        <translation>Não foi possível iniciar a tentativa: %1</translation>
    </message>
    <message>
        <source>Replace the Agent&apos;s Run</source>
        <translation>Substituir a execução do agente</translation>
    </message>
    <message>
        <source>The running agent stops, and starts again with this prompt:</source>
        <translation>O agente em execução para e recomeça com este prompt:</translation>
    </message>
    <message>
        <source>Working</source>
        <translation>Trabalhando</translation>
    </message>
    <message>
        <source>Waiting for a free slot…</source>
        <translation>Aguardando uma vaga livre…</translation>
    </message>
    <message>
        <source>Creating the worktree…</source>
        <translation>Criando o worktree…</translation>
    </message>
    <message>
        <source>Preparing the worktree…</source>
        <translation>Preparando o worktree…</translation>
    </message>
</context>
</TS>
