<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es">
<context>
    <name>Gui::BoardColumn</name>
    <message>
        <source>No tasks</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n task(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Gui::MainWindow</name>
    <message>
        <source>Forgedesk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not load the tasks: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not move the task: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Open Repository…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open a git repository as a project</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;New Task…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New Task</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Edit Task…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Delete Task…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Task</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Main</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Switch project</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Project</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Project:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open a git repository to start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Each project is a git repository with its own board of tasks. Choose the top-level folder of a repository to create one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open Repository…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>API: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scripts and agents can change this board through the HTTP API at %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open Repository</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot Open Repository</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete Task</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete the task “%1”?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This cannot be undone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not delete the task: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not load the projects: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The project “%1” was deleted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The project was deleted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1  ·  base branch %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Gui::Presentation</name>
    <message>
        <source>To do</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In review</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Low</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Medium</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>High</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Urgent</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Gui::ProjectDialog</name>
    <message>
        <source>New Project</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Forgedesk keeps a board of tasks for this repository.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The repository&apos;s current branch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create Project</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Repository:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Base branch:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot Create Project</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The project could not be created.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Gui::TaskDialog</name>
    <message>
        <source>New Task</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create Task</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit Task</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What needs to be done?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Details, acceptance criteria, links…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Comma-separated, e.g. backend, bug</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Priority:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Status:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Title:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Description:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Labels:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
