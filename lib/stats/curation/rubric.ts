/**
 * Written rubrics that curation annotators accept or reject images against (issue 22).
 */

export interface RubricPrinciple {
  key: string;
  title: string;
  /** What to look for, and what counts against an image. */
  guidance: string;
}

export interface CurationRubric {
  key: string;
  title: string;
  /** The yes/no question asked of every image. */
  question: string;
  principles: readonly RubricPrinciple[];
  /** Where the rubric comes from. */
  source: string;
}

/**
 * Emu's photography principles, the default curation rubric: the guideline Emu's specialist
 * annotators used to keep 2,000 "exceptionally high-quality" images for quality-tuning (Dai et al.
 * 2023, "Emu: Enhancing Image Generation Models Using Photogenic Needles in a Haystack",
 * arXiv 2309.15807, §3.3 "Human filtering"). Paraphrased; the five headings are the paper's.
 */
export const EMU_PHOTOGRAPHY_RUBRIC: CurationRubric = {
  key: "emu-photography",
  title: "Photography principles (Emu)",
  question: "Does this image meet every principle below, well enough to be among the best images of its kind?",
  principles: [
    {
      key: "composition",
      title: "Composition",
      guidance:
        "Follows principles of professional composition such as the rule of thirds and depth and layering. Against it: visual weight piled on one side of the frame, an unflattering angle, a main subject that is hidden, or unimportant objects that pull attention from the subject.",
    },
    {
      key: "lighting",
      title: "Lighting",
      guidance:
        "Dynamic lighting with balanced exposure that adds to the image, e.g. light from an angle that puts highlights on parts of the subject and background. Against it: artificial or flat light, or an image that is too dark or overexposed.",
    },
    {
      key: "color_contrast",
      title: "Colour and contrast",
      guidance:
        "Vibrant colours and strong colour contrast. Against it: a monochromatic image, or one colour dominating the whole frame.",
    },
    {
      key: "subject_background",
      title: "Subject and background",
      guidance:
        "A sense of depth between foreground and background; a background that is uncluttered without being plain or dull; subjects placed in the frame on purpose, with every important detail clearly visible (in a portrait the subject is neither cut off by the frame nor blocked). The detail of the foreground subject matters a great deal.",
    },
    {
      key: "story",
      title: "Story (subjective assessment)",
      guidance:
        "Does the image tell a compelling story? Could it have been taken much better? Is it among the best photos you have seen of this content? Accept only when the answers make it exceptional.",
    },
  ],
  source: "Dai et al. (2023), Emu, arXiv 2309.15807, §3.3",
};
