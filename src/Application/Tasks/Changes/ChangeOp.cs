namespace TaskManager.Application.Tasks.Changes;

public enum ChangeOp
{
    Upsert,
    Delete,
}
