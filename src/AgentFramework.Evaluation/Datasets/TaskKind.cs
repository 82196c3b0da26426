namespace AgentFramework.Evaluation.Datasets;

/// <summary>What a benchmark case asks a pipeline to do; decides which pipeline entry point runs it.</summary>
public enum TaskKind { QuestionAnswering, Summary, MultipleChoice, Writing }
