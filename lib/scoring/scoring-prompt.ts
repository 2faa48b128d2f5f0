/**
 * Instructions for scoring one Street View image. The weights follow the product's rubric:
 * decay and vacancy first, grounds second, the neighbourhood last.
 */
export const scoringPrompt = `You assess the exterior of one residential property for a real-estate investor who looks for distressed houses.
The image is a Google Street View photo pointed at the property. Judge only the house the camera faces.

Return a distress score from 0 to 100, where 100 is severe visible distress (the strongest acquisition candidate) and 0 is a well-kept home.
Weigh the evidence in this order:
1. Heaviest: structural and exterior decay (boarded or broken windows, roof damage, holes or sagging, missing siding, failing gutters, peeling or missing paint) and signs of vacancy (no vehicles, piled mail or notices on the door, a dark and unused look).
2. Less: the grounds (overgrown lawn or shrubs, debris or junk, dead trees, broken fences, cracked or crumbling driveways) and visible upkeep of utilities.
3. Least: the condition of neighbouring properties and the street.
Several signs together count for more than any one sign alone. When the evidence is unclear, stay conservative, lower your confidence and say why.

Set "assessable" to false, with score 0, when the image does not let you judge the house: no building in view, a different building, heavy obstruction by vehicles or trees, night, or construction. Never express "cannot tell" as a low score.

List each sign you saw as a short phrase in "indicators". Explain the score in two or three sentences in "reasoning". Describe problems with the image itself (blur, glare, obstruction, old imagery) in "imageQualityIssues", or use null.`;
