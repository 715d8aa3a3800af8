//! The memory layout of a run: which inputs are sampled and where each iteration records its
//! figures (per option: each year's cost and quality, the NPC, mean quality and the at-risk
//! flag; then every sampled input), and where the per-year means of each option sit. The engine
//! writes records in this layout and the statistics read them; neither knows the other.

use super::cost::LINE_COUNT;
use super::inputs::{BlockInput, ContractInput, OptionInput, RETAINED_OVERHEAD_PATH, WorldInput};
use super::rng::stream_key;
use super::validate::{ModelVersion, Scenario};

/// Iterations per unit of parallel work. Fixed (not derived from the thread count) so that the
/// order in which partial sums are added never changes.
pub const CHUNK_ITERATIONS: usize = 256;

/// Per-year means kept for each option and year: the cost lines, then three FTE figures.
pub(crate) const YEAR_MEANS: usize = LINE_COUNT + 3;
pub(crate) const MEAN_PERMANENT: usize = LINE_COUNT;
pub(crate) const MEAN_AGENCY: usize = LINE_COUNT + 1;
pub(crate) const MEAN_UNCOVERED: usize = LINE_COUNT + 2;

/// Where each sampled input's per-iteration value comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum InputSource {
    World(WorldInput),
    /// `demand.shock_size`: the sum of the iteration's shock draws.
    ShockTotal,
    WeeklyCost(usize),
    Option(usize, OptionInput),
    /// A budget block's unit cost or inflation (version 3).
    Block(usize, BlockInput),
    /// The council's overhead on the blocks it keeps (version 3).
    RetainedOverhead,
    /// An input of option `o`'s contract (version 3).
    Contract(usize, ContractInput),
}

/// A sampled (non-fixed) input, tracked for sensitivity and clamping.
#[derive(Debug, Clone)]
pub(crate) struct SampledInput {
    pub path: String,
    pub source: InputSource,
}

/// The memory layout of a run: what each iteration records and where.
#[derive(Debug, Clone)]
pub(crate) struct Layout {
    pub horizon_years: usize,
    pub option_count: usize,
    /// `f64`s per iteration.
    pub record_len: usize,
    pub sampled: Vec<SampledInput>,
    pub(crate) world_slot: Vec<Option<usize>>,
    pub(crate) weekly_slot: Vec<Option<usize>>,
    pub(crate) option_slot: Vec<Vec<Option<usize>>>,
    pub(crate) shock_slot: Option<usize>,
    pub(crate) block_slot: Vec<[Option<usize>; 2]>,
    pub(crate) retained_slot: Option<usize>,
    pub(crate) world_keys: Vec<u64>,
    pub(crate) block_keys: Vec<[u64; 2]>,
    pub(crate) retained_key: u64,
    /// Where each option's block of the record starts (and, last, where the sampled inputs
    /// start), and whether it has a contract's columns.
    pub(crate) option_offsets: Vec<usize>,
    pub(crate) has_contract: Vec<bool>,
    /// `[o][contract input]`: the sampled slot of each contract input, and its stream.
    pub(crate) contract_slot: Vec<Vec<Option<usize>>>,
    pub(crate) contract_keys: Vec<Vec<u64>>,
    /// `[o]`: the stream of the bidders at each re-procurement.
    pub(crate) bidder_keys: Vec<u64>,
    pub means: MeanLayout,
    pub(crate) weekly_keys: Vec<u64>,
    pub(crate) option_keys: Vec<Vec<u64>>,
    pub(crate) failure_keys: Vec<u64>,
    pub(crate) noise_key: u64,
    pub(crate) occurrence_key: u64,
}

impl Layout {
    pub fn new(s: &Scenario) -> Self {
        let horizon_years = s.horizon_years();
        let option_count = s.options.len();
        let mut sampled = Vec::new();
        let mut slot = |path: String, source: InputSource, fixed: bool| {
            if fixed {
                None
            } else {
                sampled.push(SampledInput { path, source });
                Some(sampled.len() - 1)
            }
        };
        let world_slot: Vec<_> = WorldInput::ALL
            .iter()
            .map(|&w| {
                let fixed = s.world[w.index()].is_fixed();
                if w == WorldInput::ShockSize {
                    None
                } else {
                    slot(w.path().to_string(), InputSource::World(w), fixed)
                }
            })
            .collect();
        let shock_slot = slot(
            WorldInput::ShockSize.path().to_string(),
            InputSource::ShockTotal,
            // Shocks are random events: the total varies unless there can be none.
            s.world[WorldInput::ShockSize.index()].fixed_value() == Some(0.0)
                || s.world[WorldInput::ShockProbability.index()].fixed_value() == Some(0.0),
        );
        let weekly_slot: Vec<_> = s
            .placements
            .iter()
            .enumerate()
            .map(|(k, p)| {
                slot(
                    p.path.clone(),
                    InputSource::WeeklyCost(k),
                    p.weekly_cost.is_fixed(),
                )
            })
            .collect();
        let option_slot: Vec<Vec<_>> = s
            .options
            .iter()
            .enumerate()
            .map(|(o, opt)| {
                OptionInput::ALL
                    .iter()
                    .map(|&j| {
                        slot(
                            j.path(&opt.name),
                            InputSource::Option(o, j),
                            opt.inputs[j.index()].is_fixed(),
                        )
                    })
                    .collect()
            })
            .collect();
        let block_slot: Vec<[Option<usize>; 2]> = s
            .blocks
            .iter()
            .enumerate()
            .map(|(k, b)| {
                BlockInput::ALL.map(|input| {
                    let sampler = match input {
                        BlockInput::UnitCost => &b.unit_cost,
                        BlockInput::Inflation => &b.inflation,
                    };
                    slot(
                        input.path(&b.name),
                        InputSource::Block(k, input),
                        sampler.is_fixed(),
                    )
                })
            })
            .collect();
        let retained_slot = if s.file().budget.is_some() {
            slot(
                RETAINED_OVERHEAD_PATH.to_string(),
                InputSource::RetainedOverhead,
                s.retained_overhead.is_fixed(),
            )
        } else {
            None
        };
        let contract_slot: Vec<Vec<Option<usize>>> = s
            .options
            .iter()
            .enumerate()
            .map(|(o, opt)| match &opt.contract {
                None => Vec::new(),
                Some(c) => ContractInput::ALL
                    .iter()
                    .map(|&j| {
                        slot(
                            j.path(&opt.name),
                            InputSource::Contract(o, j),
                            c.inputs[j.index()].is_fixed(),
                        )
                    })
                    .collect(),
            })
            .collect();
        let has_contract: Vec<bool> = s.options.iter().map(|o| o.contract.is_some()).collect();
        let mut option_offsets = Vec::with_capacity(option_count + 1);
        let mut offset = 0;
        for &contract in &has_contract {
            option_offsets.push(offset);
            offset += option_record_len(horizon_years, contract);
        }
        option_offsets.push(offset);
        let record_len = offset + sampled.len();
        Layout {
            horizon_years,
            option_count,
            record_len,
            sampled,
            world_slot,
            weekly_slot,
            option_slot,
            shock_slot,
            block_slot,
            retained_slot,
            block_keys: s
                .blocks
                .iter()
                .map(|b| BlockInput::ALL.map(|input| stream_key(&input.path(&b.id))))
                .collect(),
            retained_key: stream_key(RETAINED_OVERHEAD_PATH),
            option_offsets,
            has_contract,
            contract_slot,
            contract_keys: s
                .options
                .iter()
                .map(|o| {
                    ContractInput::ALL
                        .iter()
                        .map(|j| stream_key(&j.path(&o.stream_id)))
                        .collect()
                })
                .collect(),
            bidder_keys: s
                .options
                .iter()
                .map(|o| stream_key(&format!("options[{}].contract.bidder_events", o.stream_id)))
                .collect(),
            means: MeanLayout::new(s),
            world_keys: WorldInput::ALL
                .iter()
                .map(|w| stream_key(w.path()))
                .collect(),
            weekly_keys: s.placements.iter().map(|p| stream_key(&p.path)).collect(),
            option_keys: s
                .options
                .iter()
                .map(|o| {
                    OptionInput::ALL
                        .iter()
                        .map(|j| stream_key(&j.path(&o.stream_id)))
                        .collect()
                })
                .collect(),
            failure_keys: s
                .options
                .iter()
                .map(|o| stream_key(&format!("options[{}].failure_events", o.stream_id)))
                .collect(),
            noise_key: stream_key("demand.monthly_noise"),
            occurrence_key: stream_key("demand.shock_occurrence"),
        }
    }

    /// Offset of option `o`'s block within an iteration's record.
    pub fn option_offset(&self, o: usize) -> usize {
        self.option_offsets[o]
    }

    /// Offset of the first sampled-input value within an iteration's record.
    pub fn sampled_offset(&self) -> usize {
        self.option_offsets[self.option_count]
    }

    /// Clamp counters: world inputs, then weekly costs, then each option's inputs, then each
    /// block's two inputs and the retained overhead, then each option's contract inputs.
    pub fn clamp_len(&self) -> usize {
        self.contract_clamp_index(self.option_count, ContractInput::Sum)
    }

    pub fn contract_clamp_index(&self, o: usize, j: ContractInput) -> usize {
        self.retained_clamp_index() + 1 + o * ContractInput::COUNT + j.index()
    }

    pub fn block_clamp_index(&self, k: usize, input: BlockInput) -> usize {
        WorldInput::COUNT
            + self.weekly_keys.len()
            + self.option_count * OptionInput::COUNT
            + 2 * k
            + input as usize
    }

    pub fn retained_clamp_index(&self) -> usize {
        self.block_clamp_index(self.block_keys.len(), BlockInput::UnitCost)
    }

    pub fn weekly_clamp_index(&self, k: usize) -> usize {
        WorldInput::COUNT + k
    }

    pub fn option_clamp_index(&self, o: usize, j: OptionInput) -> usize {
        WorldInput::COUNT + self.weekly_keys.len() + o * OptionInput::COUNT + j.index()
    }

    pub fn means_len(&self) -> usize {
        self.option_count * self.horizon_years * self.means.stride
    }
}

/// What the per-year means of each option and year hold, and where: the cost lines and three FTE
/// figures ([`YEAR_MEANS`]) for every scenario, then, for the whole-budget model, the figures of
/// [`Extra`] and each block's cost.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct MeanLayout {
    /// Figures per option and year.
    pub stride: usize,
    pub blocks: usize,
    pub whole_budget: bool,
}

/// Per-year figures the whole-budget model adds, by position after [`YEAR_MEANS`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Extra {
    /// Case-holding social workers in post or agency, FTE.
    CaseHolding,
    /// Vacant posts of the whole establishment, FTE.
    Vacant,
    /// Line managers, FTE.
    Managers,
    /// Support staff, FTE.
    Support,
    /// Open cases.
    Cases,
    /// Children looked after.
    LookedAfter,
    /// Children in need.
    ChildrenInNeed,
    /// Children aged 0 to 17.
    ChildPopulation,
    /// The contract sum paid to the provider.
    ContractSum,
    /// The provider's cost of what it runs.
    ProviderCost,
    /// Provider cost less contract sum.
    Overspend,
    /// Overspend settled by the council this year (negative: underspend returned).
    Settled,
    /// The provider's reserves at the end of the year.
    Reserves,
    /// 1 where the service is back in-house this year.
    InHouse,
    /// What the council pays beyond the provider's cost: sum + settlement − provider cost.
    ContractAdjustment,
    /// Improvement plans.
    ImprovementPlan,
    /// Bringing the service back in-house.
    ReturnCost,
}

impl Extra {
    pub const ALL: [Extra; 17] = [
        Extra::CaseHolding,
        Extra::Vacant,
        Extra::Managers,
        Extra::Support,
        Extra::Cases,
        Extra::LookedAfter,
        Extra::ChildrenInNeed,
        Extra::ChildPopulation,
        Extra::ContractSum,
        Extra::ProviderCost,
        Extra::Overspend,
        Extra::Settled,
        Extra::Reserves,
        Extra::InHouse,
        Extra::ContractAdjustment,
        Extra::ImprovementPlan,
        Extra::ReturnCost,
    ];
}

impl MeanLayout {
    fn new(s: &Scenario) -> Self {
        let whole_budget = s.model == ModelVersion::WholeBudget;
        let blocks = s.blocks.len();
        MeanLayout {
            stride: if whole_budget {
                YEAR_MEANS + Extra::ALL.len() + blocks
            } else {
                YEAR_MEANS
            },
            blocks,
            whole_budget,
        }
    }

    pub fn extra(&self, e: Extra) -> usize {
        YEAR_MEANS + e as usize
    }

    pub fn block(&self, k: usize) -> usize {
        YEAR_MEANS + Extra::ALL.len() + k
    }
}

/// Per option: cost per year, quality per year, NPC, mean quality, quality-at-risk flag; with a
/// contract, also the provider's cost and the contract sum per year, whether it overspent by
/// more than 1% and 5% in any year, the total overspend returned to the council and the year
/// the service came back in-house (the horizon if it did not).
pub(crate) fn option_record_len(horizon_years: usize, contract: bool) -> usize {
    if contract {
        4 * horizon_years + 7
    } else {
        2 * horizon_years + 3
    }
}

/// Where, within an option's block, each figure sits.
pub(crate) mod slot {
    pub fn cost(y: usize) -> usize {
        y
    }
    pub fn quality(horizon: usize, y: usize) -> usize {
        horizon + y
    }
    pub fn npc(horizon: usize) -> usize {
        2 * horizon
    }
    pub fn mean_quality(horizon: usize) -> usize {
        2 * horizon + 1
    }
    pub fn at_risk(horizon: usize) -> usize {
        2 * horizon + 2
    }
    pub fn provider_cost(horizon: usize, y: usize) -> usize {
        2 * horizon + 3 + y
    }
    pub fn contract_sum(horizon: usize, y: usize) -> usize {
        3 * horizon + 3 + y
    }
    pub fn overspent(horizon: usize) -> usize {
        4 * horizon + 3
    }
    pub fn overspent_5(horizon: usize) -> usize {
        4 * horizon + 4
    }
    pub fn returned_total(horizon: usize) -> usize {
        4 * horizon + 5
    }
    pub fn return_year(horizon: usize) -> usize {
        4 * horizon + 6
    }
}

/// Every iteration's recorded figures. Stored chunk by chunk, and within a chunk column by
/// column, so that statistics read each figure's values contiguously.
pub(crate) struct Records {
    pub(crate) data: Vec<f64>,
    pub(crate) record_len: usize,
    pub(crate) iterations: usize,
}

impl Records {
    /// The values of one recorded figure, in iteration order.
    pub fn column(&self, offset: usize) -> Vec<f64> {
        let mut out = Vec::with_capacity(self.iterations);
        for (c, chunk) in self
            .data
            .chunks(CHUNK_ITERATIONS * self.record_len)
            .enumerate()
        {
            let iterations = (self.iterations - c * CHUNK_ITERATIONS).min(CHUNK_ITERATIONS);
            out.extend_from_slice(&chunk[offset * iterations..][..iterations]);
        }
        out
    }
}

/// One iteration's place in its chunk: figure `f` lives at `f * stride + k`.
pub(crate) struct Record<'a> {
    pub(crate) chunk: &'a mut [f64],
    pub(crate) stride: usize,
    pub(crate) k: usize,
}

impl Record<'_> {
    pub(crate) fn set(&mut self, figure: usize, value: f64) {
        self.chunk[figure * self.stride + self.k] = value;
    }

    /// The option at `base`'s figures over the horizon: its NPC, its mean quality from the sum
    /// of its yearly qualities, and whether any year fell below the threshold (1 or 0).
    pub(crate) fn set_totals(
        &mut self,
        base: usize,
        horizon: usize,
        npc: f64,
        quality_total: f64,
        at_risk: bool,
    ) {
        self.set(base + slot::npc(horizon), npc);
        self.set(
            base + slot::mean_quality(horizon),
            quality_total / horizon as f64,
        );
        self.set(base + slot::at_risk(horizon), f64::from(u8::from(at_risk)));
    }
}

/// What one chunk of iterations adds up.
pub(crate) struct ChunkTotals {
    /// Sums of per-year means: `[option][year][YEAR_MEANS]`.
    pub means: Vec<f64>,
    pub clamps: Vec<u64>,
}
