// Sample placeholder: written with the pipelines issue.
Console.WriteLine("SummarizeBook sample: not yet implemented");
return 0;
