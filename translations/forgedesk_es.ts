<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es">
<context>
    <name>Gui::ApprovalInbox</name>
    <message>
        <source>Merge</source>
        <translation>Fusión</translation>
    </message>
    <message>
        <source>Deploy</source>
        <translation>Despliegue</translation>
    </message>
    <message>
        <source>Request</source>
        <translation>Solicitud</translation>
    </message>
    <message>
        <source>Tool call</source>
        <translation>Llamada a herramienta</translation>
    </message>
    <message>
        <source>expiring now</source>
        <translation>caduca ahora</translation>
    </message>
    <message>
        <source>expires in %1:%2</source>
        <translation>caduca en %1:%2</translation>
    </message>
    <message>
        <source>expires in %1 h %2 min</source>
        <translation>caduca en %1 h %2 min</translation>
    </message>
    <message>
        <source>expires in a day</source>
        <translation>caduca en un día</translation>
    </message>
    <message>
        <source>expires in %1 days</source>
        <translation>caduca en %1 días</translation>
    </message>
    <message>
        <source>1 file</source>
        <translation>1 archivo</translation>
    </message>
    <message>
        <source>%1 files</source>
        <translation>%1 archivos</translation>
    </message>
    <message>
        <source>%1, +%2 −%3</source>
        <translation>%1, +%2 −%3</translation>
    </message>
    <message>
        <source>Pending approvals</source>
        <translation>Aprobaciones pendientes</translation>
    </message>
    <message>
        <source>Nothing waits for your approval.</source>
        <translation>No hay nada pendiente de tu aprobación.</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Detalles</translation>
    </message>
    <message>
        <source>Comment (optional)</source>
        <translation>Comentario (opcional)</translation>
    </message>
    <message>
        <source>&amp;Approve</source>
        <translation>&amp;Aprobar</translation>
    </message>
    <message>
        <source>&amp;Reject</source>
        <translation>&amp;Rechazar</translation>
    </message>
    <message>
        <source>Choose an approval to see what it asks.</source>
        <translation>Elige una aprobación para ver qué solicita.</translation>
    </message>
    <message>
        <source>Asked by %1</source>
        <translation>Solicitado por %1</translation>
    </message>
    <message>
        <source>the agent</source>
        <translation>el agente</translation>
    </message>
    <message>
        <source>%1 · task “%2”</source>
        <translation>%1 · tarea “%2”</translation>
    </message>
    <message>
        <source>Tool: %1</source>
        <translation>Herramienta: %1</translation>
    </message>
    <message>
        <source>Approvers: %1</source>
        <translation>Aprobadores: %1</translation>
    </message>
    <message>
        <source>Does not expire</source>
        <translation>No caduca</translation>
    </message>
</context>
<context>
    <name>Gui::BoardColumn</name>
    <message>
        <source>No tasks</source>
        <translation>Sin tareas</translation>
    </message>
    <message numerus="yes">
        <source>%n task(s)</source>
        <translation>
            <numerusform>%n tarea</numerusform>
            <numerusform>%n tareas</numerusform>
        </translation>
    </message>
    <message>
        <source>No matching tasks</source>
        <translation>Ninguna tarea coincide</translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n task(s) shown</source>
        <translation>
            <numerusform>Mostrando %1 de %n tarea</numerusform>
            <numerusform>Mostrando %1 de %n tareas</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Gui::BoardFilterBar</name>
    <message>
        <source>Search tasks</source>
        <translation>Buscar tareas</translation>
    </message>
    <message>
        <source>Show only tasks whose title or description contains these words (/)</source>
        <translation>Mostrar solo las tareas cuyo título o descripción contenga estas palabras (/)</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>Etiqueta</translation>
    </message>
    <message>
        <source>Show only tasks with this label</source>
        <translation>Mostrar solo las tareas con esta etiqueta</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>Prioridad</translation>
    </message>
    <message>
        <source>Show only tasks of this priority</source>
        <translation>Mostrar solo las tareas de esta prioridad</translation>
    </message>
    <message>
        <source>Agent</source>
        <translation>Agente</translation>
    </message>
    <message>
        <source>Show only tasks for this agent, or with an attempt by it</source>
        <translation>Mostrar solo las tareas de este agente o con un intento suyo</translation>
    </message>
    <message>
        <source>All labels</source>
        <translation>Todas las etiquetas</translation>
    </message>
    <message>
        <source>All agents</source>
        <translation>Todos los agentes</translation>
    </message>
    <message>
        <source>Any priority</source>
        <translation>Cualquier prioridad</translation>
    </message>
    <message>
        <source>Clear Filters</source>
        <translation>Borrar filtros</translation>
    </message>
    <message>
        <source>Show every task again</source>
        <translation>Volver a mostrar todas las tareas</translation>
    </message>
    <message>
        <source>%1 of 1 task</source>
        <translation>%1 de 1 tarea</translation>
    </message>
    <message>
        <source>%1 of %2 tasks</source>
        <translation>%1 de %2 tareas</translation>
    </message>
</context>
<context>
    <name>Gui::DiffTextView</name>
    <message>
        <source>Changes</source>
        <translation>Cambios</translation>
    </message>
    <message>
        <source>binary</source>
        <translation>binario</translation>
    </message>
    <message>
        <source>%1 → %2</source>
        <translation>%1 → %2</translation>
    </message>
    <message>
        <source>Binary file not shown.</source>
        <translation>Archivo binario no mostrado.</translation>
    </message>
    <message>
        <source>This file&apos;s changes are too large to show (+%1 −%2).</source>
        <translation>Los cambios de este archivo son demasiado grandes para mostrarlos (+%1 −%2).</translation>
    </message>
    <message>
        <source>Renamed without changes.</source>
        <translation>Renombrado sin cambios.</translation>
    </message>
    <message>
        <source>File mode changed from %1 to %2.</source>
        <translation>Modo del archivo cambiado de %1 a %2.</translation>
    </message>
    <message>
        <source>Empty file.</source>
        <translation>Archivo vacío.</translation>
    </message>
    <message>
        <source>Add Comment…</source>
        <translation>Añadir comentario…</translation>
    </message>
    <message>
        <source>Copy Line</source>
        <translation>Copiar línea</translation>
    </message>
    <message>
        <source>Copy File Path</source>
        <translation>Copiar ruta del archivo</translation>
    </message>
</context>
<context>
    <name>Gui::DiffView</name>
    <message>
        <source>binary</source>
        <translation>binario</translation>
    </message>
    <message>
        <source>Choose an attempt to review its changes.</source>
        <translation>Elige un intento para revisar sus cambios.</translation>
    </message>
    <message>
        <source>Changes</source>
        <translation>Cambios</translation>
    </message>
    <message>
        <source>Working</source>
        <translation>Procesando</translation>
    </message>
    <message>
        <source>Unified</source>
        <translation>Unificado</translation>
    </message>
    <message>
        <source>Show removed and added lines one under the other</source>
        <translation>Mostrar las líneas eliminadas y añadidas una debajo de otra</translation>
    </message>
    <message>
        <source>Side by Side</source>
        <translation>En paralelo</translation>
    </message>
    <message>
        <source>Show the old file on the left, the new one on the right</source>
        <translation>Mostrar el archivo antiguo a la izquierda y el nuevo a la derecha</translation>
    </message>
    <message>
        <source>Reload the changes</source>
        <translation>Recargar los cambios</translation>
    </message>
    <message>
        <source>Reload</source>
        <translation>Recargar</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>Cerrar</translation>
    </message>
    <message>
        <source>Hand to Agent</source>
        <translation>Pasar al agente</translation>
    </message>
    <message>
        <source>Ask the agent to resolve the conflicts in these files, in its worktree</source>
        <translation>Pedir al agente que resuelva los conflictos de estos archivos en su worktree</translation>
    </message>
    <message>
        <source>Files</source>
        <translation>Archivos</translation>
    </message>
    <message>
        <source>Changed files</source>
        <translation>Archivos modificados</translation>
    </message>
    <message>
        <source>Review Comments</source>
        <translation>Comentarios de revisión</translation>
    </message>
    <message>
        <source>Double-click a line, or press Enter on it, to comment.</source>
        <translation>Haz doble clic en una línea, o pulsa Intro sobre ella, para comentar.</translation>
    </message>
    <message>
        <source>Review comments</source>
        <translation>Comentarios de revisión</translation>
    </message>
    <message>
        <source>Remove Comment</source>
        <translation>Quitar comentario</translation>
    </message>
    <message>
        <source>Send to Agent</source>
        <translation>Enviar al agente</translation>
    </message>
    <message>
        <source>Send every comment to the agent as one follow-up, then clear them</source>
        <translation>Enviar todos los comentarios al agente en un solo mensaje y después borrarlos</translation>
    </message>
    <message>
        <source>Open in Editor</source>
        <translation>Abrir en el editor</translation>
    </message>
    <message>
        <source>Open the attempt&apos;s worktree in your editor</source>
        <translation>Abrir el worktree del intento en tu editor</translation>
    </message>
    <message>
        <source>Push</source>
        <translation>Hacer push</translation>
    </message>
    <message>
        <source>Push the attempt&apos;s branch to origin</source>
        <translation>Hacer push de la rama del intento a origin</translation>
    </message>
    <message>
        <source>Create Pull Request…</source>
        <translation>Crear pull request…</translation>
    </message>
    <message>
        <source>Rebase</source>
        <translation>Hacer rebase</translation>
    </message>
    <message>
        <source>Merge strategy</source>
        <translation>Estrategia de fusión</translation>
    </message>
    <message>
        <source>One commit on the target branch with all the changes</source>
        <translation>Un único commit en la rama de destino con todos los cambios</translation>
    </message>
    <message>
        <source>A merge commit that keeps the branch&apos;s commits</source>
        <translation>Un commit de fusión que conserva los commits de la rama</translation>
    </message>
    <message>
        <source>Move the target branch to the attempt&apos;s commits; fails if it moved on</source>
        <translation>Mover la rama de destino a los commits del intento; falla si ha avanzado</translation>
    </message>
    <message>
        <source>Replay the attempt&apos;s commits on the target branch</source>
        <translation>Reaplicar los commits del intento sobre la rama de destino</translation>
    </message>
    <message>
        <source>Merge</source>
        <translation>Fusionar</translation>
    </message>
    <message>
        <source>Approve Merge</source>
        <translation>Aprobar fusión</translation>
    </message>
    <message>
        <source>Answer the pending merge approval of this attempt</source>
        <translation>Responder a la aprobación de fusión pendiente de este intento</translation>
    </message>
    <message>
        <source>Strategy:</source>
        <translation>Estrategia:</translation>
    </message>
    <message>
        <source>Squash</source>
        <translation>Squash</translation>
    </message>
    <message>
        <source>Merge Commit</source>
        <translation>Commit de fusión</translation>
    </message>
    <message>
        <source>Fast-Forward</source>
        <translation>Fast-forward</translation>
    </message>
    <message>
        <source>Rebase and Merge</source>
        <translation>Rebase y fusión</translation>
    </message>
    <message>
        <source>Loading the changes…</source>
        <translation>Cargando los cambios…</translation>
    </message>
    <message>
        <source>Cannot show the changes: %1</source>
        <translation>No se pueden mostrar los cambios: %1</translation>
    </message>
    <message>
        <source>No changes yet.</source>
        <translation>Todavía no hay cambios.</translation>
    </message>
    <message numerus="yes">
        <source>The %1 stopped on conflicts in %n file(s).</source>
        <translation>
            <numerusform>El %1 se detuvo por conflictos en %n archivo.</numerusform>
            <numerusform>El %1 se detuvo por conflictos en %n archivos.</numerusform>
        </translation>
    </message>
    <message>
        <source>Abort the %1</source>
        <translation>Abortar el %1</translation>
    </message>
    <message numerus="yes">
        <source>Merging into %1 would conflict in %n file(s).</source>
        <translation>
            <numerusform>Fusionar en %1 generaría conflictos en %n archivo.</numerusform>
            <numerusform>Fusionar en %1 generaría conflictos en %n archivos.</numerusform>
        </translation>
    </message>
    <message>
        <source>The attempt was deleted.</source>
        <translation>El intento se eliminó.</translation>
    </message>
    <message>
        <source>%1 (from %2)</source>
        <translation>%1 (renombrado desde %2)</translation>
    </message>
    <message numerus="yes">
        <source>%n line(s) added</source>
        <translation>
            <numerusform>%n línea añadida</numerusform>
            <numerusform>%n líneas añadidas</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n line(s) removed</source>
        <translation>
            <numerusform>%n línea eliminada</numerusform>
            <numerusform>%n líneas eliminadas</numerusform>
        </translation>
    </message>
    <message>
        <source>Binary file</source>
        <translation>Archivo binario</translation>
    </message>
    <message>
        <source>Files (%1)</source>
        <translation>Archivos (%1)</translation>
    </message>
    <message>
        <source>Comment on a Line</source>
        <translation>Comentar una línea</translation>
    </message>
    <message>
        <source>%1, removed line %2</source>
        <translation>%1, línea eliminada %2</translation>
    </message>
    <message>
        <source>%1, line %2</source>
        <translation>%1, línea %2</translation>
    </message>
    <message>
        <source>What should the agent change here?</source>
        <translation>¿Qué debería cambiar el agente aquí?</translation>
    </message>
    <message>
        <source>Add Comment</source>
        <translation>Añadir comentario</translation>
    </message>
    <message>
        <source>Please address these review comments on your changes:</source>
        <translation>Por favor, atiende estos comentarios de revisión sobre tus cambios:</translation>
    </message>
    <message>
        <source>%1:%2 (removed line)</source>
        <translation>%1:%2 (línea eliminada)</translation>
    </message>
    <message>
        <source>%1:%2 (removed)</source>
        <translation>%1:%2 (eliminada)</translation>
    </message>
    <message>
        <source>Double-click to show the line</source>
        <translation>Haz doble clic para mostrar la línea</translation>
    </message>
    <message>
        <source>Review Comments (%1)</source>
        <translation>Comentarios de revisión (%1)</translation>
    </message>
    <message>
        <source>Sending comments…</source>
        <translation>Enviando comentarios…</translation>
    </message>
    <message>
        <source>Could not send the comments: %1</source>
        <translation>No se pudieron enviar los comentarios: %1</translation>
    </message>
    <message numerus="yes">
        <source>Sent %n comment(s) to the agent.</source>
        <translation>
            <numerusform>Se envió %n comentario al agente.</numerusform>
            <numerusform>Se enviaron %n comentarios al agente.</numerusform>
        </translation>
    </message>
    <message>
        <source>Approving…</source>
        <translation>Aprobando…</translation>
    </message>
    <message>
        <source>Could not approve: %1</source>
        <translation>No se pudo aprobar: %1</translation>
    </message>
    <message>
        <source>Merge approved. It can be merged now.</source>
        <translation>Fusión aprobada. Ya se puede fusionar.</translation>
    </message>
    <message>
        <source>Your approval is recorded; other approvers still have to answer.</source>
        <translation>Tu aprobación quedó registrada; otros aprobadores aún tienen que responder.</translation>
    </message>
    <message>
        <source>Merging…</source>
        <translation>Fusionando…</translation>
    </message>
    <message>
        <source>Could not merge: %1</source>
        <translation>No se pudo fusionar: %1</translation>
    </message>
    <message>
        <source>Merged into %1 as %2.</source>
        <translation>Fusionado en %1 como %2.</translation>
    </message>
    <message>
        <source>Rebasing…</source>
        <translation>Haciendo rebase…</translation>
    </message>
    <message>
        <source>Could not rebase: %1</source>
        <translation>No se pudo hacer rebase: %1</translation>
    </message>
    <message>
        <source>The rebase stopped on conflicts in %1. Hand them to the agent, or abort the rebase.</source>
        <translation>El rebase se detuvo por conflictos en %1. Pásalos al agente o aborta el rebase.</translation>
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
        <translation>Haciendo push…</translation>
    </message>
    <message>
        <source>Could not push: %1</source>
        <translation>No se pudo hacer push: %1</translation>
    </message>
    <message>
        <source>Pushed %1 to %2.</source>
        <translation>Push de %1 a %2 completado.</translation>
    </message>
    <message>
        <source>Create Pull Request</source>
        <translation>Crear pull request</translation>
    </message>
    <message>
        <source>What the change does</source>
        <translation>Qué hace el cambio</translation>
    </message>
    <message>
        <source>Why, and how to check it (optional)</source>
        <translation>Por qué, y cómo comprobarlo (opcional)</translation>
    </message>
    <message>
        <source>Open as a draft</source>
        <translation>Abrir como borrador</translation>
    </message>
    <message>
        <source>Opening the pull request…</source>
        <translation>Abriendo la pull request…</translation>
    </message>
    <message>
        <source>Could not open the pull request: %1</source>
        <translation>No se pudo abrir la pull request: %1</translation>
    </message>
    <message>
        <source>Opened pull request &lt;a href=&quot;%1&quot;&gt;#%2&lt;/a&gt;.</source>
        <translation>Se abrió la pull request &lt;a href=&quot;%1&quot;&gt;#%2&lt;/a&gt;.</translation>
    </message>
    <message>
        <source>&amp;Title:</source>
        <translation>&amp;Título:</translation>
    </message>
    <message>
        <source>&amp;Description:</source>
        <translation>&amp;Descripción:</translation>
    </message>
    <message>
        <source>&amp;Into branch:</source>
        <translation>&amp;Rama de destino:</translation>
    </message>
    <message>
        <source>Opening the editor…</source>
        <translation>Abriendo el editor…</translation>
    </message>
    <message>
        <source>Could not open the editor: %1</source>
        <translation>No se pudo abrir el editor: %1</translation>
    </message>
    <message>
        <source>Opened the worktree in %1.</source>
        <translation>Se abrió el worktree en %1.</translation>
    </message>
    <message>
        <source>The %1 onto %2 stopped with conflicts in these files:
%3
Resolve the conflicts, keeping the intent of both sides, then stage the files and run `git %1 --continue`.</source>
        <translation>El %1 sobre %2 se detuvo con conflictos en estos archivos:
%3
Resuelve los conflictos conservando la intención de ambos lados; después añade los archivos al stage y ejecuta `git %1 --continue`.</translation>
    </message>
    <message>
        <source>Merging this branch into %1 would conflict in these files:
%2
Rebase the branch onto %1 and resolve the conflicts, keeping the intent of both sides.</source>
        <translation>Fusionar esta rama en %1 generaría conflictos en estos archivos:
%2
Haz rebase de la rama sobre %1 y resuelve los conflictos conservando la intención de ambos lados.</translation>
    </message>
    <message>
        <source>Handing the conflicts to the agent…</source>
        <translation>Pasando los conflictos al agente…</translation>
    </message>
    <message>
        <source>Could not hand the conflicts to the agent: %1</source>
        <translation>No se pudieron pasar los conflictos al agente: %1</translation>
    </message>
    <message numerus="yes">
        <source>Handed %n conflicted file(s) to the agent.</source>
        <translation>
            <numerusform>Se pasó %n archivo en conflicto al agente.</numerusform>
            <numerusform>Se pasaron %n archivos en conflicto al agente.</numerusform>
        </translation>
    </message>
    <message>
        <source>Aborting…</source>
        <translation>Abortando…</translation>
    </message>
    <message>
        <source>Could not abort: %1</source>
        <translation>No se pudo abortar: %1</translation>
    </message>
    <message>
        <source>Aborted the %1.</source>
        <translation>Se abortó el %1.</translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) changed</source>
        <translation>
            <numerusform>%n archivo modificado</numerusform>
            <numerusform>%n archivos modificados</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 → %2</source>
        <translation>%1 → %2</translation>
    </message>
    <message>
        <source>merged</source>
        <translation>fusionado</translation>
    </message>
    <message numerus="yes">
        <source>%n commit(s) ahead</source>
        <translation>
            <numerusform>%n commit por delante</numerusform>
            <numerusform>%n commits por delante</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n behind</source>
        <translation>
            <numerusform>%n por detrás</numerusform>
            <numerusform>%n por detrás</numerusform>
        </translation>
    </message>
    <message>
        <source>pull request #%1</source>
        <translation>pull request #%1</translation>
    </message>
    <message>
        <source>the agent is working</source>
        <translation>el agente está trabajando</translation>
    </message>
    <message>
        <source>The agent is still working on this attempt.</source>
        <translation>El agente todavía está trabajando en este intento.</translation>
    </message>
    <message>
        <source>Merge into %1</source>
        <translation>Fusionar en %1</translation>
    </message>
    <message>
        <source>Already merged</source>
        <translation>Ya fusionado</translation>
    </message>
    <message>
        <source>Replay the attempt&apos;s commits on the latest %1</source>
        <translation>Reaplicar los commits del intento sobre la última versión de %1</translation>
    </message>
    <message>
        <source>View Pull Request #%1</source>
        <translation>Ver pull request #%1</translation>
    </message>
    <message>
        <source>The worktree was removed</source>
        <translation>El worktree se eliminó</translation>
    </message>
    <message>
        <source>Ask the agent to resolve the conflicts in these files</source>
        <translation>Pedir al agente que resuelva los conflictos de estos archivos</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Cargando…</translation>
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
        <translation>salida %1</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>falló</translation>
    </message>
    <message>
        <source>Thinking</source>
        <translation>Pensando</translation>
    </message>
    <message>
        <source>Edit failed</source>
        <translation>Edición fallida</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Creado</translation>
    </message>
    <message>
        <source>Edited</source>
        <translation>Editado</translation>
    </message>
    <message>
        <source>Tool</source>
        <translation>Herramienta</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Cargando…</translation>
    </message>
    <message numerus="yes">
        <source>… %n more line(s) in the log file</source>
        <translation>
            <numerusform>… %n línea más en el archivo de registro</numerusform>
            <numerusform>… %n líneas más en el archivo de registro</numerusform>
        </translation>
    </message>
    <message>
        <source>You</source>
        <translation>Tú</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Error</translation>
    </message>
</context>
<context>
    <name>Gui::LogView</name>
    <message>
        <source>Attempt log</source>
        <translation>Registro del intento</translation>
    </message>
    <message>
        <source>Scroll to the newest entry and follow the log (End)</source>
        <translation>Desplazarse a la entrada más reciente y seguir el registro (Fin)</translation>
    </message>
    <message>
        <source>No attempt selected</source>
        <translation>Ningún intento seleccionado</translation>
    </message>
    <message>
        <source>Loading the log…</source>
        <translation>Cargando el registro…</translation>
    </message>
    <message>
        <source>No output yet</source>
        <translation>Todavía no hay salida</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>&amp;Copiar</translation>
    </message>
    <message>
        <source>C&amp;ollapse</source>
        <translation>C&amp;ontraer</translation>
    </message>
    <message>
        <source>&amp;Expand</source>
        <translation>&amp;Expandir</translation>
    </message>
    <message>
        <source>&amp;Jump to Latest</source>
        <translation>&amp;Ir a lo más reciente</translation>
    </message>
    <message numerus="yes">
        <source>Jump to latest (%n new)</source>
        <translation>
            <numerusform>Ir a lo más reciente (%n nuevo)</numerusform>
            <numerusform>Ir a lo más reciente (%n nuevos)</numerusform>
        </translation>
    </message>
    <message>
        <source>Jump to latest</source>
        <translation>Ir a lo más reciente</translation>
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
        <translation>No se pudieron cargar las tareas: %1</translation>
    </message>
    <message>
        <source>Could not move the task: %1</source>
        <translation>No se pudo mover la tarea: %1</translation>
    </message>
    <message>
        <source>&amp;Open Repository…</source>
        <translation>&amp;Abrir repositorio…</translation>
    </message>
    <message>
        <source>Open a git repository as a project</source>
        <translation>Abrir un repositorio git como proyecto</translation>
    </message>
    <message>
        <source>&amp;New Task…</source>
        <translation>&amp;Nueva tarea…</translation>
    </message>
    <message>
        <source>New Task</source>
        <translation>Nueva tarea</translation>
    </message>
    <message>
        <source>&amp;Edit Task…</source>
        <translation>&amp;Editar tarea…</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>Editar</translation>
    </message>
    <message>
        <source>&amp;Delete Task…</source>
        <translation>E&amp;liminar tarea…</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Eliminar</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Salir</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Archivo</translation>
    </message>
    <message>
        <source>&amp;Task</source>
        <translation>&amp;Tarea</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>Principal</translation>
    </message>
    <message>
        <source>Switch project</source>
        <translation>Cambiar de proyecto</translation>
    </message>
    <message>
        <source>Project</source>
        <translation>Proyecto</translation>
    </message>
    <message>
        <source>Project:</source>
        <translation>Proyecto:</translation>
    </message>
    <message>
        <source>Open a git repository to start</source>
        <translation>Abre un repositorio git para empezar</translation>
    </message>
    <message>
        <source>Each project is a git repository with its own board of tasks. Choose the top-level folder of a repository to create one.</source>
        <translation>Cada proyecto es un repositorio git con su propio tablero de tareas. Elige la carpeta raíz de un repositorio para crear uno.</translation>
    </message>
    <message>
        <source>Open Repository…</source>
        <translation>Abrir repositorio…</translation>
    </message>
    <message>
        <source>API: %1</source>
        <translation>API: %1</translation>
    </message>
    <message>
        <source>Scripts and agents can change this board through the HTTP API at %1</source>
        <translation>Los scripts y los agentes pueden modificar este tablero mediante la API HTTP en %1</translation>
    </message>
    <message>
        <source>Open Repository</source>
        <translation>Abrir repositorio</translation>
    </message>
    <message>
        <source>Cannot Open Repository</source>
        <translation>No se puede abrir el repositorio</translation>
    </message>
    <message>
        <source>Delete Task</source>
        <translation>Eliminar tarea</translation>
    </message>
    <message>
        <source>Delete the task “%1”?</source>
        <translation>¿Eliminar la tarea “%1”?</translation>
    </message>
    <message>
        <source>This cannot be undone.</source>
        <translation>Esta acción no se puede deshacer.</translation>
    </message>
    <message>
        <source>Could not delete the task: %1</source>
        <translation>No se pudo eliminar la tarea: %1</translation>
    </message>
    <message>
        <source>Could not load the projects: %1</source>
        <translation>No se pudieron cargar los proyectos: %1</translation>
    </message>
    <message>
        <source>The project “%1” was deleted.</source>
        <translation>Se eliminó el proyecto “%1”.</translation>
    </message>
    <message>
        <source>The project was deleted.</source>
        <translation>Se eliminó el proyecto.</translation>
    </message>
    <message>
        <source>%1  ·  base branch %2</source>
        <translation>%1  ·  rama base %2</translation>
    </message>
    <message>
        <source>Approval needed</source>
        <translation>Se necesita aprobación</translation>
    </message>
    <message>
        <source>&amp;Board</source>
        <translation>&amp;Tablero</translation>
    </message>
    <message>
        <source>&amp;Inbox</source>
        <translation>&amp;Bandeja de entrada</translation>
    </message>
    <message>
        <source>Approvals waiting for you</source>
        <translation>Aprobaciones a la espera de tu respuesta</translation>
    </message>
    <message>
        <source>&amp;Find Tasks</source>
        <translation>B&amp;uscar tareas</translation>
    </message>
    <message>
        <source>&amp;Switch Project…</source>
        <translation>&amp;Cambiar de proyecto…</translation>
    </message>
    <message>
        <source>&amp;Keyboard Shortcuts</source>
        <translation>&amp;Atajos de teclado</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>&amp;Preferencias…</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ver</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>Ay&amp;uda</translation>
    </message>
    <message>
        <source>&amp;Inbox (%1)</source>
        <translation>&amp;Bandeja de entrada (%1)</translation>
    </message>
    <message>
        <source>Inbox (%1)</source>
        <translation>Bandeja de entrada (%1)</translation>
    </message>
    <message>
        <source>Inbox</source>
        <translation>Bandeja de entrada</translation>
    </message>
    <message>
        <source>Show Forgedesk</source>
        <translation>Mostrar Forgedesk</translation>
    </message>
    <message>
        <source>Attempt finished</source>
        <translation>Intento terminado</translation>
    </message>
    <message>
        <source>Attempt failed</source>
        <translation>Intento fallido</translation>
    </message>
    <message>
        <source>Attempt stopped</source>
        <translation>Intento detenido</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>En curso</translation>
    </message>
    <message>
        <source>Forgedesk: 1 attempt running</source>
        <translation>Forgedesk: 1 intento en curso</translation>
    </message>
    <message>
        <source>Forgedesk: %1 attempts running</source>
        <translation>Forgedesk: %1 intentos en curso</translation>
    </message>
</context>
<context>
    <name>Gui::Presentation</name>
    <message>
        <source>To do</source>
        <translation>Por hacer</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>En curso</translation>
    </message>
    <message>
        <source>In review</source>
        <translation>En revisión</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Hecho</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Cancelado</translation>
    </message>
    <message>
        <source>Low</source>
        <translation>Baja</translation>
    </message>
    <message>
        <source>Medium</source>
        <translation>Media</translation>
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
        <translation>No iniciado</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>En ejecución</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>Completado</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fallido</translation>
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
        <translation>&lt;%1 US$</translation>
    </message>
    <message>
        <source>$%1</source>
        <translation>%1 US$</translation>
    </message>
</context>
<context>
    <name>Gui::ProjectDialog</name>
    <message>
        <source>New Project</source>
        <translation>Nuevo proyecto</translation>
    </message>
    <message>
        <source>Forgedesk keeps a board of tasks for this repository.</source>
        <translation>Forgedesk mantiene un tablero de tareas para este repositorio.</translation>
    </message>
    <message>
        <source>The repository&apos;s current branch</source>
        <translation>La rama actual del repositorio</translation>
    </message>
    <message>
        <source>Create Project</source>
        <translation>Crear proyecto</translation>
    </message>
    <message>
        <source>Repository:</source>
        <translation>Repositorio:</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Nombre:</translation>
    </message>
    <message>
        <source>&amp;Base branch:</source>
        <translation>&amp;Rama base:</translation>
    </message>
    <message>
        <source>Cannot Create Project</source>
        <translation>No se puede crear el proyecto</translation>
    </message>
    <message>
        <source>The project could not be created.</source>
        <translation>No se pudo crear el proyecto.</translation>
    </message>
</context>
<context>
    <name>Gui::SettingsDialog</name>
    <message>
        <source>line %1 is not NAME=VALUE: %2</source>
        <translation>la línea %1 no tiene el formato NOMBRE=VALOR: %2</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Preferencias</translation>
    </message>
    <message>
        <source>Settings pages</source>
        <translation>Páginas de preferencias</translation>
    </message>
    <message>
        <source>General</source>
        <translation>General</translation>
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
        <translation>Predeterminado del sistema</translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation>Seguir el sistema</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>Claro</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>Oscuro</translation>
    </message>
    <message>
        <source> h</source>
        <translation> h</translation>
    </message>
    <message>
        <source>You</source>
        <translation>Identidad</translation>
    </message>
    <message>
        <source>&amp;E-mail:</source>
        <translation>&amp;Correo:</translation>
    </message>
    <message>
        <source>Recorded on approvals you answer and on requests made without an API key. Empty: git&apos;s user.email, shown above when it is set.</source>
        <translation>Se registra en las aprobaciones que respondes y en las peticiones hechas sin clave de API. Vacío: el user.email de git, que se muestra arriba si está definido.</translation>
    </message>
    <message>
        <source>Appearance</source>
        <translation>Apariencia</translation>
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
        <translation>Intentos</translation>
    </message>
    <message>
        <source>&amp;Run at most:</source>
        <translation>&amp;Ejecutar como máximo:</translation>
    </message>
    <message>
        <source>Attempts started beyond this many wait for a free slot.</source>
        <translation>Los intentos iniciados por encima de este número esperan a que haya un espacio libre.</translation>
    </message>
    <message>
        <source>&amp;Keep worktrees for:</source>
        <translation>&amp;Mantener worktrees durante:</translation>
    </message>
    <message>
        <source>How long a finished attempt keeps its worktree on disk.</source>
        <translation>Cuánto tiempo conserva su worktree en disco un intento terminado.</translation>
    </message>
    <message>
        <source>Agent profiles</source>
        <translation>Perfiles de agente</translation>
    </message>
    <message>
        <source>The agent&apos;s default</source>
        <translation>Predeterminado del agente</translation>
    </message>
    <message>
        <source>NAME=value, one a line</source>
        <translation>NOMBRE=valor, uno por línea</translation>
    </message>
    <message>
        <source>Restore Defaults</source>
        <translation>Restaurar valores predeterminados</translation>
    </message>
    <message>
        <source>Forget your changes to this built-in profile</source>
        <translation>Descartar tus cambios en este perfil integrado</translation>
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
        <translation>Un argumento por línea, tal cual: nada pasa por un shell. {prompt}, {sessionId} y {model} se sustituyen dentro de un argumento; una línea que sea solo {modelArgs} o {extraArgs} representa esas listas.</translation>
    </message>
    <message>
        <source>&amp;Model:</source>
        <translation>&amp;Modelo:</translation>
    </message>
    <message>
        <source>&amp;Environment:</source>
        <translation>&amp;Entorno:</translation>
    </message>
    <message>
        <source>Custom command</source>
        <translation>Comando personalizado</translation>
    </message>
    <message>
        <source>Open in Editor</source>
        <translation>Abrir en el editor</translation>
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
        <translation>Un editor conocido se busca en el PATH. Un comando personalizado se divide como lo haría un shell (solo comillas dobles), pero nunca lo ejecuta uno; {path} se sustituye por el worktree, que se añade al final si ningún argumento lo incluye.</translation>
    </message>
    <message>
        <source>Remove Token</source>
        <translation>Quitar token</translation>
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
        <translation>URL de la &amp;API:</translation>
    </message>
    <message>
        <source>GitHub Enterprise: https://&lt;host&gt;/api/v3.</source>
        <translation>GitHub Enterprise: https://&lt;host&gt;/api/v3.</translation>
    </message>
    <message>
        <source>&amp;Check every:</source>
        <translation>&amp;Comprobar cada:</translation>
    </message>
    <message>
        <source>How often open pull requests are checked for reviews and merges.</source>
        <translation>Cada cuánto se comprueban las pull requests abiertas en busca de revisiones y fusiones.</translation>
    </message>
    <message>
        <source>Any free port</source>
        <translation>Cualquier puerto libre</translation>
    </message>
    <message>
        <source>No limit</source>
        <translation>Sin límite</translation>
    </message>
    <message>
        <source> per minute</source>
        <translation> por minuto</translation>
    </message>
    <message>
        <source>Other machines can reach this address. Forgedesk listens there only once an API key exists, and then every request must carry one.</source>
        <translation>Otras máquinas pueden acceder a esta dirección. Forgedesk solo escucha en ella cuando existe una clave de API, y entonces todas las peticiones deben llevar una.</translation>
    </message>
    <message>
        <source>Listening</source>
        <translation>Escucha</translation>
    </message>
    <message>
        <source>&amp;Port:</source>
        <translation>&amp;Puerto:</translation>
    </message>
    <message>
        <source>&amp;Address:</source>
        <translation>&amp;Dirección:</translation>
    </message>
    <message>
        <source>&amp;Rate limit:</source>
        <translation>&amp;Límite de peticiones:</translation>
    </message>
    <message>
        <source>Address and port apply the next time Forgedesk starts; --host and --port override them.</source>
        <translation>La dirección y el puerto se aplican la próxima vez que se inicie Forgedesk; --host y --port tienen prioridad.</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Acts as</source>
        <translation>Actúa como</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Creación</translation>
    </message>
    <message>
        <source>Last used</source>
        <translation>Último uso</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>API keys</source>
        <translation>Claves de API</translation>
    </message>
    <message>
        <source>Name, e.g. CI</source>
        <translation>Nombre, p. ej., CI</translation>
    </message>
    <message>
        <source>New key&apos;s name</source>
        <translation>Nombre de la nueva clave</translation>
    </message>
    <message>
        <source>E-mail it acts as (optional)</source>
        <translation>Correo con el que actúa (opcional)</translation>
    </message>
    <message>
        <source>New key&apos;s e-mail</source>
        <translation>Correo de la nueva clave</translation>
    </message>
    <message>
        <source>Create Key</source>
        <translation>Crear clave</translation>
    </message>
    <message>
        <source>Revoke…</source>
        <translation>Revocar…</translation>
    </message>
    <message>
        <source>&lt;b&gt;Copy the new key now: it is shown only this once.&lt;/b&gt; Forgedesk keeps only a hash of it. Clients send it as &lt;code&gt;Authorization: Bearer &amp;lt;key&amp;gt;&lt;/code&gt;.</source>
        <translation>&lt;b&gt;Copia la nueva clave ahora: solo se muestra esta vez.&lt;/b&gt; Forgedesk guarda solo un hash de ella. Los clientes la envían como &lt;code&gt;Authorization: Bearer &amp;lt;clave&amp;gt;&lt;/code&gt;.</translation>
    </message>
    <message>
        <source>The new key</source>
        <translation>La nueva clave</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Copiar</translation>
    </message>
    <message>
        <source>The key is on the clipboard.</source>
        <translation>La clave está en el portapapeles.</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Listo</translation>
    </message>
    <message>
        <source>API Keys</source>
        <translation>Claves de API</translation>
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
        <translation>Firmado</translation>
    </message>
    <message>
        <source>Webhooks</source>
        <translation>Webhooks</translation>
    </message>
    <message>
        <source>Add Webhook…</source>
        <translation>Añadir webhook…</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>Eliminar…</translation>
    </message>
    <message>
        <source>Events are POSTed as JSON, retried until the receiver answers 2xx.</source>
        <translation>Los eventos se envían por POST como JSON y se reintentan hasta que el receptor responde 2xx.</translation>
    </message>
    <message>
        <source>The new token replaces the one set when you save.</source>
        <translation>El nuevo token sustituye al actual al guardar.</translation>
    </message>
    <message>
        <source>The token is stored when you save.</source>
        <translation>El token se almacena al guardar.</translation>
    </message>
    <message>
        <source>The token is removed when you save.</source>
        <translation>El token se elimina al guardar.</translation>
    </message>
    <message>
        <source>A token is set. Type a new one to replace it.</source>
        <translation>Hay un token definido. Escribe uno nuevo para sustituirlo.</translation>
    </message>
    <message>
        <source>No token is set: the GITHUB_TOKEN environment variable is used, if any.</source>
        <translation>No hay ningún token definido: se usa la variable de entorno GITHUB_TOKEN, si existe.</translation>
    </message>
    <message>
        <source>•••••••• (set)</source>
        <translation>•••••••• (definido)</translation>
    </message>
    <message>
        <source>Not set</source>
        <translation>No definido</translation>
    </message>
    <message>
        <source>%1 (yours)</source>
        <translation>%1 (tuyo)</translation>
    </message>
    <message>
        <source>%1 (changed)</source>
        <translation>%1 (modificado)</translation>
    </message>
    <message>
        <source>When it is not installed, %1 is run with npx.</source>
        <translation>Si no está instalado, %1 se ejecuta con npx.</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>Guardado.</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Guardando…</translation>
    </message>
    <message>
        <source>Could not list the API keys: %1</source>
        <translation>No se pudieron listar las claves de API: %1</translation>
    </message>
    <message>
        <source>Never</source>
        <translation>Nunca</translation>
    </message>
    <message>
        <source>Revoked</source>
        <translation>Revocada</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Activa</translation>
    </message>
    <message>
        <source>Starts with %1…</source>
        <translation>Empieza por %1…</translation>
    </message>
    <message>
        <source>Revoked %1</source>
        <translation>Revocada el %1</translation>
    </message>
    <message>
        <source>Revoke API Key</source>
        <translation>Revocar clave de API</translation>
    </message>
    <message>
        <source>Revoke the key “%1”?</source>
        <translation>¿Revocar la clave “%1”?</translation>
    </message>
    <message>
        <source>Clients that use it are refused from now on. This cannot be undone.</source>
        <translation>Los clientes que la usan se rechazarán a partir de ahora. Esta acción no se puede deshacer.</translation>
    </message>
    <message>
        <source>Revoke</source>
        <translation>Revocar</translation>
    </message>
    <message>
        <source>Revoked “%1”.</source>
        <translation>Se revocó “%1”.</translation>
    </message>
    <message>
        <source>Could not list the webhooks: %1</source>
        <translation>No se pudieron listar los webhooks: %1</translation>
    </message>
    <message>
        <source>All events</source>
        <translation>Todos los eventos</translation>
    </message>
    <message>
        <source>No</source>
        <translation>No</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Sí</translation>
    </message>
    <message>
        <source>Add Webhook</source>
        <translation>Añadir webhook</translation>
    </message>
    <message>
        <source>Optional</source>
        <translation>Opcional</translation>
    </message>
    <message>
        <source>All events, including future ones</source>
        <translation>Todos los eventos, incluidos los futuros</translation>
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
        <translation>&amp;Secreto:</translation>
    </message>
    <message>
        <source>With a secret, each delivery is signed: X-Forge-Signature carries the HMAC-SHA256 of the body.</source>
        <translation>Con un secreto, cada entrega se firma: X-Forge-Signature lleva el HMAC-SHA256 del cuerpo.</translation>
    </message>
    <message>
        <source>Added a webhook for %1.</source>
        <translation>Se añadió un webhook para %1.</translation>
    </message>
    <message>
        <source>Delete Webhook</source>
        <translation>Eliminar webhook</translation>
    </message>
    <message>
        <source>Stop sending events to %1?</source>
        <translation>¿Dejar de enviar eventos a %1?</translation>
    </message>
    <message>
        <source>Deliveries still waiting are dropped with it.</source>
        <translation>Las entregas aún pendientes se descartan con él.</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Eliminar</translation>
    </message>
    <message>
        <source>Language and theme change as soon as you save.</source>
        <translation>El idioma y el tema cambian en cuanto guardas.</translation>
    </message>
</context>
<context>
    <name>Gui::ShortcutsDialog</name>
    <message>
        <source>Keyboard Shortcuts</source>
        <translation>Atajos de teclado</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>Teclas</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Acción</translation>
    </message>
    <message>
        <source>Board</source>
        <translation>Tablero</translation>
    </message>
    <message>
        <source>New task</source>
        <translation>Nueva tarea</translation>
    </message>
    <message>
        <source>Search tasks</source>
        <translation>Buscar tareas</translation>
    </message>
    <message>
        <source>Next or previous card in the column</source>
        <translation>Tarjeta siguiente o anterior de la columna</translation>
    </message>
    <message>
        <source>Previous or next column</source>
        <translation>Columna anterior o siguiente</translation>
    </message>
    <message>
        <source>Open the selected task</source>
        <translation>Abrir la tarea seleccionada</translation>
    </message>
    <message>
        <source>Clear the search, or close the task</source>
        <translation>Borrar la búsqueda o cerrar la tarea</translation>
    </message>
    <message>
        <source>Window</source>
        <translation>Ventana</translation>
    </message>
    <message>
        <source>Switch project</source>
        <translation>Cambiar de proyecto</translation>
    </message>
    <message>
        <source>Board or inbox</source>
        <translation>Tablero o bandeja de entrada</translation>
    </message>
    <message>
        <source>Edit the selected task</source>
        <translation>Editar la tarea seleccionada</translation>
    </message>
    <message>
        <source>Delete the selected task</source>
        <translation>Eliminar la tarea seleccionada</translation>
    </message>
    <message>
        <source>Open a repository</source>
        <translation>Abrir un repositorio</translation>
    </message>
    <message>
        <source>Show these shortcuts</source>
        <translation>Mostrar estos atajos</translation>
    </message>
    <message>
        <source> or </source>
        <translation> o </translation>
    </message>
</context>
<context>
    <name>Gui::SourceHighlightBackend</name>
    <message>
        <source>No syntax definition at %1</source>
        <translation>No hay definición de sintaxis en %1</translation>
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
        <translation>No se puede cargar %1</translation>
    </message>
</context>
<context>
    <name>Gui::TaskCardDelegate</name>
    <message>
        <source>Running</source>
        <translation>En ejecución</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fallido</translation>
    </message>
    <message>
        <source>Merged</source>
        <translation>Fusionado</translation>
    </message>
    <message>
        <source>1 approval</source>
        <translation>1 aprobación</translation>
    </message>
    <message>
        <source>%1 approvals</source>
        <translation>%1 aprobaciones</translation>
    </message>
</context>
<context>
    <name>Gui::TaskColumnModel</name>
    <message>
        <source>Cost so far: %1</source>
        <translation>Coste hasta ahora: %1</translation>
    </message>
    <message>
        <source>Approvals waiting: %1</source>
        <translation>Aprobaciones pendientes: %1</translation>
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
        <translation>Nueva tarea</translation>
    </message>
    <message>
        <source>Create Task</source>
        <translation>Crear tarea</translation>
    </message>
    <message>
        <source>Edit Task</source>
        <translation>Editar tarea</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Guardar</translation>
    </message>
    <message>
        <source>What needs to be done?</source>
        <translation>¿Qué hay que hacer?</translation>
    </message>
    <message>
        <source>Details, acceptance criteria, links…</source>
        <translation>Detalles, criterios de aceptación, enlaces…</translation>
    </message>
    <message>
        <source>Comma-separated, e.g. backend, bug</source>
        <translation>Separadas por comas, p. ej., backend, bug</translation>
    </message>
    <message>
        <source>&amp;Priority:</source>
        <translation>&amp;Prioridad:</translation>
    </message>
    <message>
        <source>&amp;Status:</source>
        <translation>E&amp;stado:</translation>
    </message>
    <message>
        <source>&amp;Title:</source>
        <translation>&amp;Título:</translation>
    </message>
    <message>
        <source>&amp;Description:</source>
        <translation>&amp;Descripción:</translation>
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
        <translation>en espera</translation>
    </message>
    <message>
        <source>running</source>
        <translation>en ejecución</translation>
    </message>
    <message>
        <source>done</source>
        <translation>hecho</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>fallido</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>cancelado</translation>
    </message>
    <message>
        <source>draft</source>
        <translation>borrador</translation>
    </message>
    <message>
        <source>at %1</source>
        <translation>para el %1</translation>
    </message>
    <message>
        <source>when idle</source>
        <translation>cuando esté inactivo</translation>
    </message>
    <message>
        <source>sent</source>
        <translation>enviado</translation>
    </message>
    <message>
        <source>Close (Esc)</source>
        <translation>Cerrar (Esc)</translation>
    </message>
    <message>
        <source>Close the task</source>
        <translation>Cerrar la tarea</translation>
    </message>
    <message>
        <source>Agent</source>
        <translation>Agente</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Duración</translation>
    </message>
    <message>
        <source>Cost</source>
        <translation>Coste</translation>
    </message>
    <message>
        <source>Attempts</source>
        <translation>Intentos</translation>
    </message>
    <message>
        <source>Variant</source>
        <translation>Variante</translation>
    </message>
    <message>
        <source>Default</source>
        <translation>Predeterminada</translation>
    </message>
    <message>
        <source>Start Attempt</source>
        <translation>Iniciar intento</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Detener</translation>
    </message>
    <message>
        <source>Stop the agent of this attempt</source>
        <translation>Detener el agente de este intento</translation>
    </message>
    <message>
        <source>Replace…</source>
        <translation>Sustituir…</translation>
    </message>
    <message>
        <source>Stop the agent and start it again with a new prompt</source>
        <translation>Detener el agente y volver a iniciarlo con un nuevo prompt</translation>
    </message>
    <message>
        <source>Tell the agent what to do next…</source>
        <translation>Dile al agente qué hacer a continuación…</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Enviar</translation>
    </message>
    <message>
        <source>Send now as a follow-up (Ctrl+Enter)</source>
        <translation>Enviar ahora como seguimiento (Ctrl+Intro)</translation>
    </message>
    <message>
        <source>Add to Queue</source>
        <translation>Añadir a la cola</translation>
    </message>
    <message>
        <source>Run after what runs now and what is queued before it</source>
        <translation>Ejecutar después de lo que se está ejecutando y de lo que ya está en la cola</translation>
    </message>
    <message>
        <source>Save Draft</source>
        <translation>Guardar borrador</translation>
    </message>
    <message>
        <source>Send at</source>
        <translation>Enviar el</translation>
    </message>
    <message>
        <source>Queue</source>
        <translation>Cola</translation>
    </message>
    <message>
        <source>Run Next</source>
        <translation>Ejecutar a continuación</translation>
    </message>
    <message>
        <source>Drafts</source>
        <translation>Borradores</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>Editar</translation>
    </message>
    <message>
        <source>Send Now</source>
        <translation>Enviar ahora</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Eliminar</translation>
    </message>
    <message>
        <source>Follow-up</source>
        <translation>Seguimiento</translation>
    </message>
    <message>
        <source>Log</source>
        <translation>Registro</translation>
    </message>
    <message>
        <source>Changes</source>
        <translation>Cambios</translation>
    </message>
    <message>
        <source>Could not load the attempts: %1</source>
        <translation>No se pudieron cargar los intentos: %1</translation>
    </message>
    <message>
        <source>%1 on branch %2</source>
        <translation>%1 en la rama %2</translation>
    </message>
    <message>
        <source>Waiting for a slot</source>
        <translation>Esperando un espacio libre</translation>
    </message>
    <message>
        <source>Merged</source>
        <translation>Fusionado</translation>
    </message>
    <message>
        <source>Stopped: %1</source>
        <translation>Detenida: %1</translation>
    </message>
    <message>
        <source>Nothing queued</source>
        <translation>Nada en la cola</translation>
    </message>
    <message>
        <source>Could not start the attempt: %1</source>
        <translation>No se pudo iniciar el intento: %1</translation>
    </message>
    <message>
        <source>Replace the Agent&apos;s Run</source>
        <translation>Sustituir la ejecución del agente</translation>
    </message>
    <message>
        <source>The running agent stops, and starts again with this prompt:</source>
        <translation>El agente en ejecución se detiene y vuelve a empezar con este prompt:</translation>
    </message>
    <message>
        <source>Working</source>
        <translation>Trabajando</translation>
    </message>
    <message>
        <source>Waiting for a free slot…</source>
        <translation>Esperando un hueco libre…</translation>
    </message>
    <message>
        <source>Creating the worktree…</source>
        <translation>Creando el worktree…</translation>
    </message>
    <message>
        <source>Preparing the worktree…</source>
        <translation>Preparando el worktree…</translation>
    </message>
</context>
</TS>
